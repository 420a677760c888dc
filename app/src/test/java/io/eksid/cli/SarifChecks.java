package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Checks a SARIF log against the pinned SARIF 2.1.0 JSON schema, and with the SARIF Multitool's {@code validate}
 * (its SARIF and GitHub code scanning rules) when the Multitool is installed ({@code SARIF_MULTITOOL} names it;
 * .ci/run installs it with npm).
 */
final class SarifChecks {

    private SarifChecks() {
    }

    static List<String> schemaErrors(JsonNode sarif) throws Exception {
        try (InputStream in = SarifChecks.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            return schema.validate(sarif).stream().map(Error::toString).toList();
        }
    }

    static Optional<Path> multitool() {
        String env = System.getenv("SARIF_MULTITOOL");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        return Optional.empty();
    }

    /** The Multitool's errors for the file (its output log's results at level error), or empty when it passes. */
    static List<String> multitoolErrors(Path multitool, Path sarif, Path workDir) throws Exception {
        Path log = workDir.resolve("multitool-" + System.nanoTime() + ".sarif");
        Process p = new ProcessBuilder(multitool.toString(), "validate", sarif.toString(), "-o", log.toString(),
                "--rule-kind", "Gh;Sarif").redirectErrorStream(true)
                .redirectOutput(workDir.resolve("multitool.out").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("Multitool finished").isTrue();
        String console = Files.readString(workDir.resolve("multitool.out"));
        assertThat(Files.exists(log)).as(console).isTrue();
        List<String> errors = new ArrayList<>();
        for (JsonNode run : new ObjectMapper().readTree(log.toFile()).get("runs")) {
            for (JsonNode r : run.path("results")) {
                if ("error".equals(r.path("level").asText())) {
                    errors.add(r.path("ruleId").asText() + ": " + r.path("message").toString());
                }
            }
        }
        if (p.exitValue() != 0 && errors.isEmpty()) {
            errors.add("Multitool exited " + p.exitValue() + ": " + console);
        }
        return errors;
    }
}

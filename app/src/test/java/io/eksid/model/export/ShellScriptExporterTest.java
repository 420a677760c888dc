package io.eksid.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanFixtures;
import io.eksid.model.plan.StepAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script runs against stand-in {@code aws} and {@code kubectl} commands that record exactly what they
 * receive: hostile names and documents must arrive byte for byte, and nothing in them may ever execute.
 */
class ShellScriptExporterTest {

    /** Records every call (one argument per line, then the content of any file:// argument) and answers lookups. */
    private static final String AWS_STUB = """
            #!/usr/bin/env bash
            set -u
            log="$STUB_DIR/calls.log"
            { echo "aws"; for a in "$@"; do printf 'ARG[%s]\\n' "$a"; done; } >> "$log"
            for a in "$@"; do
              case "$a" in file://*) { echo "FILE[${a#file://}]"; cat "${a#file://}"; echo "ENDFILE"; } >> "$log" ;; esac
            done
            args=" $* "
            ns=""; sa=""; prev=""
            for a in "$@"; do
              [[ "$prev" == "--namespace" ]] && ns="$a"
              [[ "$prev" == "--service-account" ]] && sa="$a"
              prev="$a"
            done
            case "$args" in
              *" describe-addon "*|*" get-role "*) exit 1 ;;
              *" list-pod-identity-associations "*)
                if [[ -f "$STUB_DIR/assoc-$ns-$sa" || -f "$STUB_DIR/assoc-any-$sa" ]]; then echo "a-$sa"; else echo None; fi ;;
              *" update-addon "*)
                prev=""
                for a in "$@"; do
                  if [[ "$prev" == "--pod-identity-associations" ]]; then
                    echo "$a" | grep -o '"serviceAccount":"[^"]*","roleArn":"[^"]*"' | while IFS= read -r pair; do
                      s="$(printf '%s' "$pair" | sed 's/.*"serviceAccount":"\\([^"]*\\)".*/\\1/')"
                      r="$(printf '%s' "$pair" | sed 's/.*"roleArn":"\\([^"]*\\)".*/\\1/')"
                      printf '%s\nNone\n' "$r" > "$STUB_DIR/assoc-any-$s"
                    done
                  fi
                  prev="$a"
                done ;;
              *" create-pod-identity-association "*)
                role=""; target=None; prev=""
                for a in "$@"; do
                  [[ "$prev" == "--role-arn" ]] && role="$a"
                  [[ "$prev" == "--target-role-arn" ]] && target="$a"
                  prev="$a"
                done
                printf '%s\\n%s\\n' "$role" "$target" > "$STUB_DIR/assoc-$ns-$sa" ;;
              *" describe-pod-identity-association "*)
                id=""; prev=""
                for a in "$@"; do [[ "$prev" == "--association-id" ]] && id="$a"; prev="$a"; done
                file="$(ls "$STUB_DIR"/assoc-*-"${id#a-}" | head -1)"
                case "$args" in
                  *"association.targetRoleArn"*) sed -n 2p "$file" ;;
                  *) sed -n 1p "$file" ;;
                esac ;;
            esac
            exit 0
            """;

    private static final String KUBECTL_STUB = """
            #!/usr/bin/env bash
            { echo "kubectl"; for a in "$@"; do printf 'ARG[%s]\\n' "$a"; done; } >> "$STUB_DIR/calls.log"
            exit 0
            """;

    @TempDir
    Path dir;

    @Test
    void hostileValuesArriveIntactAndNothingExecutes() throws Exception {
        assumeTrue(TerraformExporterTest.onPath("bash"), "bash is not installed");
        ConversionPlan plan = PlanFixtures.hostilePlan();
        Result r = run(new ShellScriptExporter().export(plan), "--profile", "ops's profile", "--context", "prod ctx");

        assertThat(r.exit).as(r.output).isZero();
        assertThat(dir.resolve("PWNED")).doesNotExist();
        assertThat(Path.of("PWNED")).doesNotExist();
        StepAction.UpdateRoleTrust trust = plan.actions(StepAction.UpdateRoleTrust.class).get(0);
        assertThat(r.log).contains("ARG[update-assume-role-policy]\nARG[--role-name]\nARG[a.b@c+d=e,f-g_h]\n");
        assertThat(r.log).contains(trust.afterPolicy() + "\nENDFILE");
        assertThat(trust.afterPolicy()).contains(io.eksid.model.json.Json.quote(PlanFixtures.HOSTILE_VALUE));
        assertThat(r.log).contains("ARG[--role-arn]\nARG[" + PlanFixtures.HOSTILE_ROLE + "]\n");
        assertThat(r.log).contains("ARG[--profile]\nARG[ops's profile]\n");
        assertThat(r.log).contains("kubectl\nARG[--context]\nARG[prod ctx]\nARG[-n]\nARG[shop]\nARG[rollout]\n"
                + "ARG[restart]\nARG[deployment/cart]\n");
        assertThat(r.log).contains("ARG[annotate]\nARG[serviceaccount]\nARG[cart]\nARG[eks.amazonaws.com/role-arn-]\n");
        assertThat(r.output).contains("all 6 steps done");
    }

    @Test
    void richPlanRunsEveryStepInOrderAndIsIdempotentOnTheAssociations() throws Exception {
        assumeTrue(TerraformExporterTest.onPath("bash"), "bash is not installed");
        String script = new ShellScriptExporter().export(PlanFixtures.richPlan());
        Result first = run(script, "--account-profile", "444455556666=data-admin");

        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.log).contains("ARG[create-addon]").contains("ARG[create-role]").contains("ARG[/eksid/]")
                .contains("ARG[put-role-policy]").contains("ARG[--target-role-arn]")
                .contains("ARG[--profile]\nARG[data-admin]\n")
                .contains("ARG[--pod-identity-associations]\nARG[[{\"serviceAccount\":\"aws-node\",\"roleArn\":"
                        + "\"arn:aws:iam::111122223333:role/vpc-cni\"}]]");
        assertThat(first.log.indexOf("ARG[create-pod-identity-association]"))
                .isGreaterThan(first.log.indexOf("ARG[update-assume-role-policy]"));
        assertThat(first.log.lastIndexOf("ARG[eks.amazonaws.com/role-arn-]"))
                .isGreaterThan(first.log.lastIndexOf("ARG[describe-pod-identity-association]"));

        Files.delete(dir.resolve("calls.log"));
        Result again = run(script, "--account-profile", "444455556666=data-admin");
        assertThat(again.exit).isZero();
        assertThat(again.log).doesNotContain("ARG[create-pod-identity-association]");
        assertThat(again.output).contains("exists already");
    }

    @Test
    void aMissingProfileForAnotherAccountStopsTheScript() throws Exception {
        assumeTrue(TerraformExporterTest.onPath("bash"), "bash is not installed");
        Result r = run(new ShellScriptExporter().export(PlanFixtures.richPlan()));
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("set --account-profile 444455556666=NAME");
        assertThat(r.log).doesNotContain("ARG[create-pod-identity-association]");
    }

    @Test
    void skippedServiceAccountsAndOwnerRequestsAreListedInEveryExport() {
        String target = "arn:aws:iam::" + PlanFixtures.OTHER_ACCOUNT + ":role/reader";
        ConversionPlan plan = PlanFixtures.planner().plan(PlanFixtures.base()
                        .serviceAccount(PlanFixtures.irsaSa("shop/cart", target))
                        .serviceAccount(PlanFixtures.irsaSa("shop/bad", "arn:aws:iam::1:role/x")).build(),
                io.eksid.model.plan.Selection.allIrsa(), io.eksid.model.plan.ConversionOptions.defaults());
        for (String text : List.of(new ShellScriptExporter().export(plan), new TerraformExporter().export(plan),
                new EksctlConfigExporter().export(plan))) {
            assertThat(text).contains("#   shop/bad [MALFORMED_ROLE_ARN]")
                    .contains("#   shop/cart [TARGET_TRUST_PENDING]")
                    .contains("# Ask the owner of account 444455556666 (for shop/cart)")
                    .contains("\"aws:PrincipalArn\": \"arn:aws:iam::111122223333:role/eksid/eksid-bridge-reader-");
        }
    }

    @Test
    void heredocDelimiterNeverOccursInTheDocument() {
        ShellWriter w = new ShellWriter();
        w.heredoc("x.json", "{\nEKSID_DOCUMENT\n}");
        assertThat(w.toString()).startsWith("cat > \"$WORKDIR/x.json\" <<'EKSID_DOCUMENT_1'\n")
                .endsWith("}\nEKSID_DOCUMENT_1\n");
        assertThat(ShellWriter.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void emptyPlanScriptSaysSo() {
        String arn = PlanFixtures.roleArn("app");
        ConversionPlan plan = PlanFixtures.planner().plan(PlanFixtures.base().build(),
                io.eksid.model.plan.Selection.allIrsa(), io.eksid.model.plan.ConversionOptions.defaults());
        assertThat(new ShellScriptExporter().export(plan)).contains("Nothing to do").doesNotContain(arn);
    }

    private record Result(int exit, String output, String log) {
    }

    private Result run(String script, String... args) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        write(bin.resolve("aws"), AWS_STUB);
        write(bin.resolve("kubectl"), KUBECTL_STUB);
        Path file = dir.resolve("convert.sh");
        write(file, script);
        List<String> command = new java.util.ArrayList<>(List.of("bash", file.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("STUB_DIR", dir.toString());
        pb.environment().remove("AWS_PROFILE");
        pb.environment().remove("KUBE_CONTEXT");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path log = dir.resolve("calls.log");
        return new Result(p.exitValue(), output, Files.exists(log) ? Files.readString(log) : "");
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

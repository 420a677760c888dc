package io.eksid.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eksid.model.ClusterInfo;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import io.eksid.model.plan.StepKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.eksid.model.plan.PlanFixtures;
import org.junit.jupiter.api.Test;

class EksctlConfigExporterTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void richPlanIsAClusterConfigWithTheAgentAddonsAndAssociations() throws Exception {
        ConversionPlan plan = PlanFixtures.richPlan();
        JsonNode config = yaml.readTree(new EksctlConfigExporter().export(plan));

        assertThat(config.get("apiVersion").asText()).isEqualTo("eksctl.io/v1alpha5");
        assertThat(config.get("kind").asText()).isEqualTo("ClusterConfig");
        assertThat(config.at("/metadata/name").asText()).isEqualTo("prod");
        assertThat(config.at("/metadata/region").asText()).isEqualTo("eu-west-1");
        assertThat(config.at("/addons/0/name").asText()).isEqualTo("eks-pod-identity-agent");
        assertThat(config.at("/addons/1/name").asText()).isEqualTo("vpc-cni");
        assertThat(config.at("/addons/1/podIdentityAssociations/0/serviceAccountName").asText()).isEqualTo("aws-node");
        assertThat(config.at("/addons/1/podIdentityAssociations/0/roleARN").asText())
                .isEqualTo("arn:aws:iam::111122223333:role/vpc-cni");
        JsonNode associations = config.at("/iam/podIdentityAssociations");
        assertThat(associations).hasSize(3);
        assertThat(associations.get(0).get("namespace").asText()).isEqualTo("shop");
        assertThat(associations.get(0).get("serviceAccountName").asText()).isEqualTo("cart");
        assertThat(associations.get(0).get("roleARN").asText())
                .isEqualTo("arn:aws:iam::111122223333:role/teams/payments/app");
        assertThat(associations.get(0).at("/tags/eksid~1converted-from").asText()).isEqualTo("irsa");
        assertThat(associations.get(0).has("targetRoleARN")).isFalse();
        assertThat(associations.get(2).get("roleARN").asText()).contains(":role/eksid/eksid-bridge-reader-");
        assertThat(associations.get(2).get("targetRoleARN").asText())
                .isEqualTo("arn:aws:iam::444455556666:role/data/reader");
    }

    @Test
    void trustChangesAreListedBecauseEksctlDoesNotMakeThem() {
        String text = new EksctlConfigExporter().export(PlanFixtures.richPlan());
        assertThat(text).contains("# Before eksctl").contains("#   add the Pod Identity statement to the trust "
                + "policy of arn:aws:iam::111122223333:role/teams/payments/app");
    }

    @Test
    void hostileValuesCannotChangeTheStructure() throws Exception {
        ConversionPlan plan = PlanFixtures.hostilePlan();
        JsonNode config = yaml.readTree(new EksctlConfigExporter().export(plan));
        assertThat(config.at("/iam/podIdentityAssociations/0/roleARN").asText()).isEqualTo(PlanFixtures.HOSTILE_ROLE);
    }

    @Test
    void namesYamlWouldReadAsOtherTypesOrStructureStayStrings() throws Exception {
        List<String> odd = List.of("yes", "on", "012", "no", "null", "~", "1e3", "0x1F", "true", "- x", "a: b",
                "#c", "'q'", "[x]", " lead", "x\"y\\z\n# w: v", "ctl\u0001\u007f\u2028é", "x".repeat(120));
        Map<String, String> tags = new LinkedHashMap<>();
        odd.forEach(o -> tags.put(o, o));
        ConversionPlan rich = PlanFixtures.richPlan();
        ClusterInfo cluster = new ClusterInfo("yes", rich.cluster().arn(), rich.cluster().account(),
                rich.cluster().partition(), "012", rich.cluster().oidcIssuer(), "1.30", "eks.1", false);
        List<PlanStep> steps = new ArrayList<>();
        for (int i = 0; i < odd.size(); i++) {
            steps.add(new PlanStep("a" + i, StepKind.CREATE_ASSOCIATION, "t", List.of(), List.of(), List.of(),
                    new StepAction.CreateAssociation("yes", odd.get(i), odd.get(i), odd.get(i), odd.get(i), tags,
                            false, null)));
        }
        ConversionPlan plan = new ConversionPlan(rich.id(), cluster, rich.selection(), rich.options(), steps,
                List.of(), List.of(), List.of(), List.of(), List.of());

        String text = new EksctlConfigExporter().export(plan);
        JsonNode config = yaml.readTree(text);
        assertThat(config.at("/metadata/name").isTextual()).isTrue();
        assertThat(config.at("/metadata/name").textValue()).isEqualTo("yes");
        assertThat(config.at("/metadata/region").textValue()).isEqualTo("012");
        assertThat(text).contains("  name: \"yes\"\n  region: \"012\"\n").doesNotContain("\n---");
        JsonNode associations = config.at("/iam/podIdentityAssociations");
        assertThat(associations).hasSize(odd.size());
        for (int i = 0; i < odd.size(); i++) {
            JsonNode a = associations.get(i);
            for (String field : List.of("namespace", "serviceAccountName", "roleARN", "targetRoleARN")) {
                assertThat(a.get(field).isTextual()).as(field + " of " + odd.get(i)).isTrue();
                assertThat(a.get(field).textValue()).isEqualTo(odd.get(i));
            }
            assertThat(a.get("tags").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(odd);
            a.get("tags").properties().forEach(t -> assertThat(t.getValue().textValue()).isEqualTo(t.getKey()));
        }
        assertThat(text.lines()).allMatch(l -> l.length() < 400, "no line is wrapped, none is huge");
    }
}

package io.eksid.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eksid.model.plan.ConversionPlan;
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
        assertThat(EksctlConfigExporter.quote("a\"b\\c\n# d: e")).isEqualTo("\"a\\\"b\\\\c\\n# d: e\"");
        assertThat(yaml.readTree("v: " + EksctlConfigExporter.quote("x: \"y\" # z\n'w'")).get("v").asText())
                .isEqualTo("x: \"y\" # z\n'w'");
    }
}

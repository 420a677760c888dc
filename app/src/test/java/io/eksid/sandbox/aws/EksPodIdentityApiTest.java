package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.ACCOUNT;
import static io.eksid.sandbox.aws.EmulatorFixture.CLUSTER;
import static io.eksid.sandbox.aws.EmulatorFixture.OTHER_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociation;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

class EksPodIdentityApiTest {

    private final EmulatorFixture f = new EmulatorFixture();
    private final EksClient eks = f.eks();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private PodIdentityAssociation create(String ns, String sa, String roleArn) {
        return eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace(ns).serviceAccount(sa).roleArn(roleArn))
                .association();
    }

    @Test
    void createDescribeUpdateDeleteRoundTrip() {
        String role = f.podIdentityRole("payments");
        String other = f.podIdentityRole("payments-v2");
        PodIdentityAssociation created = eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER)
                .namespace("payments").serviceAccount("api").roleArn(role).tags(Map.of("team", "payments"))).association();
        assertThat(created.associationId()).matches("a-[a-z0-9]{17}");
        assertThat(created.associationArn()).isEqualTo("arn:aws:eks:us-west-2:" + ACCOUNT + ":podidentityassociation/"
                + CLUSTER + "/" + created.associationId());
        assertThat(created.roleArn()).isEqualTo(role);
        assertThat(created.disableSessionTags()).isFalse();
        assertThat(created.tags()).containsEntry("team", "payments");
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.ownerArn()).isNull();

        PodIdentityAssociation described = eks.describePodIdentityAssociation(r -> r.clusterName(CLUSTER)
                .associationId(created.associationId())).association();
        assertThat(described).isEqualTo(created);

        PodIdentityAssociation updated = eks.updatePodIdentityAssociation(r -> r.clusterName(CLUSTER)
                .associationId(created.associationId()).roleArn(other).disableSessionTags(true)
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")
                .targetRoleArn("arn:aws:iam::" + OTHER_ACCOUNT + ":role/data-reader")).association();
        assertThat(updated.roleArn()).isEqualTo(other);
        assertThat(updated.namespace()).isEqualTo("payments");
        assertThat(updated.disableSessionTags()).isTrue();
        assertThat(updated.policy()).contains("s3:GetObject");
        assertThat(updated.targetRoleArn()).endsWith(":role/data-reader");
        assertThat(updated.externalId()).isEqualTo("us-west-2/" + ACCOUNT + "/prod/payments/api");

        PodIdentityAssociation cleared = eks.updatePodIdentityAssociation(r -> r.clusterName(CLUSTER)
                .associationId(created.associationId()).targetRoleArn("").policy("")).association();
        assertThat(cleared.targetRoleArn()).isNull();
        assertThat(cleared.policy()).isNull();
        assertThat(cleared.externalId()).isNull();

        PodIdentityAssociation deleted = eks.deletePodIdentityAssociation(r -> r.clusterName(CLUSTER)
                .associationId(created.associationId())).association();
        assertThat(deleted.associationId()).isEqualTo(created.associationId());
        assertThatThrownBy(() -> eks.describePodIdentityAssociation(r -> r.clusterName(CLUSTER)
                .associationId(created.associationId()))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(f.world.hasPodIdentityAssociation(CLUSTER, "payments", "api")).isFalse();
    }

    @Test
    void listSummariesCarryNoRoleAndFilter() {
        String role = f.podIdentityRole("app");
        create("a", "one", role);
        create("a", "two", role);
        create("b", "one", role);
        List<PodIdentityAssociationSummary> all = eks.listPodIdentityAssociations(r -> r.clusterName(CLUSTER)).associations();
        assertThat(all).hasSize(3);
        assertThat(all).allSatisfy(s -> {
            assertThat(s.clusterName()).isEqualTo(CLUSTER);
            assertThat(s.associationArn()).contains(s.associationId());
        });
        // the summary shape has no roleArn member at all (model PodIdentityAssociationSummary)
        assertThat(PodIdentityAssociationSummary.builder().build().sdkFields())
                .noneMatch(field -> field.memberName().equals("roleArn"));
        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName(CLUSTER).namespace("a")).associations())
                .extracting(PodIdentityAssociationSummary::serviceAccount).containsExactlyInAnyOrder("one", "two");
        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName(CLUSTER).serviceAccount("one")).associations())
                .extracting(PodIdentityAssociationSummary::namespace).containsExactlyInAnyOrder("a", "b");
        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName(CLUSTER).namespace("b").serviceAccount("two"))
                .associations()).isEmpty();
    }

    @Test
    void paginatorSeesEveryAssociationExactlyOnce() {
        String role = f.podIdentityRole("app");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 230; i++) {
            ids.add(f.world.createPodIdentityAssociation(CLUSTER, "ns" + (i % 7), "sa-" + i, role, null, false, null));
        }
        List<String> seen = new ArrayList<>();
        eks.listPodIdentityAssociationsPaginator(r -> r.clusterName(CLUSTER).maxResults(17)).associations()
                .forEach(s -> seen.add(s.associationId()));
        assertThat(seen).hasSize(230).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(ids);
        var first = eks.listPodIdentityAssociations(r -> r.clusterName(CLUSTER));
        assertThat(first.associations()).hasSize(100);
        assertThat(first.nextToken()).isNotBlank();
        assertThatThrownBy(() -> eks.listPodIdentityAssociations(r -> r.clusterName(CLUSTER).maxResults(101)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> eks.listPodIdentityAssociations(r -> r.clusterName(CLUSTER).nextToken("garbage!")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void secondAssociationForTheSameServiceAccountIsInUse() {
        String role = f.podIdentityRole("app");
        create("web", "frontend", role);
        assertThatThrownBy(() -> create("web", "frontend", role)).isInstanceOfSatisfying(ResourceInUseException.class,
                e -> assertThat(e.statusCode()).isEqualTo(409));
    }

    @Test
    void invalidParametersAreRejectedAsEksDoes() {
        String role = f.podIdentityRole("app");
        String otherAccountRole = f.world.createRole(OTHER_ACCOUNT, "/", "elsewhere", EmulatorFixture.POD_IDENTITY_TRUST, null);
        assertThatThrownBy(() -> create("web", "frontend", otherAccountRole))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("same account");
        assertThatThrownBy(() -> create("web", "frontend", "arn:aws:iam::" + ACCOUNT + ":role/ghost"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> create("web", "frontend", "not-an-arn"))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).serviceAccount("x").roleArn(role)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace("x").serviceAccount("x")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("roleArn");
        assertThatThrownBy(() -> create("Not_A_Namespace", "x", role)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace("x")
                .serviceAccount("x").roleArn(role).policy("{\"Version\":\"2012-10-17\",\"Statement\":[]}")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("disableSessionTags");
        assertThatThrownBy(() -> eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace("x")
                .serviceAccount("x").roleArn(role).targetRoleArn("arn:aws:s3:::bucket")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("target");
        assertThat(f.world.hasPodIdentityAssociation(CLUSTER, "x", "x")).isFalse();
        assertThat(f.world.hasPodIdentityAssociation(CLUSTER, "web", "frontend")).isFalse();
    }

    @Test
    void unknownClusterOrAssociationIsNotFound() {
        assertThatThrownBy(() -> eks.listPodIdentityAssociations(r -> r.clusterName("nope")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> eks.describePodIdentityAssociation(r -> r.clusterName(CLUSTER).associationId("a-00000000000000000")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> eks.updatePodIdentityAssociation(r -> r.clusterName(CLUSTER).associationId("a-00000000000000000")
                .disableSessionTags(true))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> eks.deletePodIdentityAssociation(r -> r.clusterName(CLUSTER).associationId("a-00000000000000000")))
                .isInstanceOf(ResourceNotFoundException.class);
        // the cluster belongs to another account for this caller
        assertThatThrownBy(() -> f.eks(EmulatorFixture.OTHER_KEY, false).describeCluster(r -> r.name(CLUSTER)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void clientRequestTokenMakesCreateIdempotent() {
        String role = f.podIdentityRole("app");
        var first = eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace("n").serviceAccount("s")
                .roleArn(role).clientRequestToken("token-1")).association();
        var again = eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace("n").serviceAccount("s")
                .roleArn(role).clientRequestToken("token-1")).association();
        assertThat(again.associationId()).isEqualTo(first.associationId());
        assertThatThrownBy(() -> eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace("n")
                .serviceAccount("other").roleArn(role).clientRequestToken("token-1")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace("n")
                .serviceAccount("s").roleArn(role).clientRequestToken("token-2")))
                .isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void updateRejectsSessionPolicyWithoutDisabledTagsAndKeepsTheAssociation() {
        String role = f.podIdentityRole("app");
        var a = create("n", "s", role);
        assertThatThrownBy(() -> eks.updatePodIdentityAssociation(r -> r.clusterName(CLUSTER).associationId(a.associationId())
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> eks.updatePodIdentityAssociation(r -> r.clusterName(CLUSTER).associationId(a.associationId())
                .roleArn("arn:aws:iam::" + OTHER_ACCOUNT + ":role/x"))).isInstanceOf(InvalidParameterException.class);
        assertThat(eks.describePodIdentityAssociation(r -> r.clusterName(CLUSTER).associationId(a.associationId()))
                .association()).isEqualTo(a);
    }

    @Test
    void aClusterHoldsAtMostFiveThousandAssociations() {
        String role = f.podIdentityRole("app");
        for (int i = 0; i < EksService.MAX_ASSOCIATIONS_PER_CLUSTER; i++) {
            f.world.createPodIdentityAssociation(CLUSTER, "bulk", "sa-" + i, role, null, false, null);
        }
        assertThatThrownBy(() -> create("bulk", "one-too-many", role))
                .isInstanceOfSatisfying(ResourceLimitExceededException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(f.world.hasPodIdentityAssociation(CLUSTER, "bulk", "one-too-many")).isFalse();
    }
}

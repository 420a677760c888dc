package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.ACCOUNT;
import static io.eksid.sandbox.aws.EmulatorFixture.CLUSTER;
import static io.eksid.sandbox.aws.EmulatorFixture.ISSUER;
import static io.eksid.sandbox.aws.EmulatorFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AddonPodIdentityAssociations;
import software.amazon.awssdk.services.eks.model.AddonStatus;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.UpdateStatus;
import software.amazon.awssdk.services.eks.model.UpdateType;

class EksClusterAndAddonApiTest {

    private final EmulatorFixture f = new EmulatorFixture();
    private final EksClient eks = f.eks();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void describeClusterReportsWhatTheConsoleReads() {
        f.world.setClusterEndpoint(CLUSTER, "https://127.0.0.1:7443");
        Cluster c = eks.describeCluster(r -> r.name(CLUSTER)).cluster();
        assertThat(c.name()).isEqualTo(CLUSTER);
        assertThat(c.arn()).isEqualTo("arn:aws:eks:" + REGION + ":" + ACCOUNT + ":cluster/" + CLUSTER);
        assertThat(c.endpoint()).isEqualTo("https://127.0.0.1:7443");
        assertThat(c.identity().oidc().issuer()).isEqualTo(ISSUER);
        assertThat(c.version()).isEqualTo("1.31");
        assertThat(c.platformVersion()).isEqualTo("eks.12");
        assertThat(c.status()).isEqualTo(ClusterStatus.ACTIVE);
        assertThat(c.createdAt()).isNotNull();
        assertThat(c.computeConfig()).isNull();
        assertThat(c.certificateAuthority()).isNull();
        f.world.setClusterCertificateAuthority(CLUSTER, "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t");
        assertThat(eks.describeCluster(r -> r.name(CLUSTER)).cluster().certificateAuthority().data())
                .isEqualTo("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t");

        f.world.addCluster(ACCOUNT, REGION, "auto", "1.32", "eks.3", ISSUER.replace("0123", "9999"), "https://127.0.0.1:1", true);
        Cluster auto = eks.describeCluster(r -> r.name("auto")).cluster();
        assertThat(auto.computeConfig().enabled()).isTrue();
        assertThat(auto.computeConfig().nodePools()).contains("general-purpose", "system");
        assertThatThrownBy(() -> eks.describeCluster(r -> r.name("missing"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listClustersPaginatesAndStaysInTheCallersRegion() {
        for (int i = 0; i < 12; i++) {
            f.world.addCluster(ACCOUNT, REGION, "c" + i, "1.30", "eks.20", null, "https://127.0.0.1:1", false);
        }
        f.world.addCluster(ACCOUNT, "eu-west-1", "dublin", "1.30", "eks.20", null, "https://127.0.0.1:1", false);
        List<String> names = new ArrayList<>();
        eks.listClustersPaginator(r -> r.maxResults(5)).clusters().forEach(names::add);
        assertThat(names).hasSize(13).doesNotHaveDuplicates().contains(CLUSTER).doesNotContain("dublin");
    }

    @Test
    void addonWithPodIdentityAssociationsOwnsThem() {
        String role = f.podIdentityRole("ebs-csi");
        var addon = eks.createAddon(r -> r.clusterName(CLUSTER).addonName("aws-ebs-csi-driver")
                .podIdentityAssociations(AddonPodIdentityAssociations.builder()
                        .serviceAccount("ebs-csi-controller-sa").roleArn(role).build())).addon();
        assertThat(addon.status()).isEqualTo(AddonStatus.CREATING);
        assertThat(addon.addonArn()).startsWith("arn:aws:eks:us-west-2:" + ACCOUNT + ":addon/prod/aws-ebs-csi-driver/");
        assertThat(addon.podIdentityAssociations()).hasSize(1);

        var described = eks.describeAddon(r -> r.clusterName(CLUSTER).addonName("aws-ebs-csi-driver")).addon();
        assertThat(described.status()).isEqualTo(AddonStatus.ACTIVE);
        assertThat(described.addonVersion()).startsWith("v1.");
        PodIdentityAssociationSummary owned = eks.listPodIdentityAssociations(r -> r.clusterName(CLUSTER)
                .namespace("kube-system").serviceAccount("ebs-csi-controller-sa")).associations().get(0);
        assertThat(owned.ownerArn()).isEqualTo(addon.addonArn());
        assertThat(described.podIdentityAssociations()).containsExactly(owned.associationArn());
        assertThat(eks.listAddons(r -> r.clusterName(CLUSTER)).addons()).containsExactly("aws-ebs-csi-driver");

        // an owned association changes only through its add-on
        assertThatThrownBy(() -> eks.deletePodIdentityAssociation(r -> r.clusterName(CLUSTER).associationId(owned.associationId())))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> eks.createAddon(r -> r.clusterName(CLUSTER).addonName("aws-ebs-csi-driver")))
                .isInstanceOf(ResourceInUseException.class);

        String role2 = f.podIdentityRole("ebs-csi-2");
        var update = eks.updateAddon(r -> r.clusterName(CLUSTER).addonName("aws-ebs-csi-driver")
                .podIdentityAssociations(AddonPodIdentityAssociations.builder()
                        .serviceAccount("ebs-csi-controller-sa").roleArn(role2).build())).update();
        assertThat(update.type()).isEqualTo(UpdateType.ADDON_UPDATE);
        assertThat(update.status()).isEqualTo(UpdateStatus.IN_PROGRESS);
        assertThat(eks.describeUpdate(r -> r.name(CLUSTER).updateId(update.id()).addonName("aws-ebs-csi-driver"))
                .update().status()).isEqualTo(UpdateStatus.SUCCESSFUL);
        assertThat(eks.describePodIdentityAssociation(r -> r.clusterName(CLUSTER).associationId(owned.associationId()))
                .association().roleArn()).isEqualTo(role2);

        var deleted = eks.deleteAddon(r -> r.clusterName(CLUSTER).addonName("aws-ebs-csi-driver")).addon();
        assertThat(deleted.status()).isEqualTo(AddonStatus.DELETING);
        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName(CLUSTER)).associations()).isEmpty();
        assertThatThrownBy(() -> eks.describeAddon(r -> r.clusterName(CLUSTER).addonName("aws-ebs-csi-driver")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void updateAddonWithAnEmptyListRemovesOwnedAssociations() {
        String role = f.podIdentityRole("cni");
        eks.createAddon(r -> r.clusterName(CLUSTER).addonName("vpc-cni").podIdentityAssociations(
                AddonPodIdentityAssociations.builder().serviceAccount("aws-node").roleArn(role).build()));
        eks.updateAddon(r -> r.clusterName(CLUSTER).addonName("vpc-cni").podIdentityAssociations(List.of()));
        assertThat(f.world.hasPodIdentityAssociation(CLUSTER, "kube-system", "aws-node")).isFalse();
        assertThat(eks.describeAddon(r -> r.clusterName(CLUSTER).addonName("vpc-cni")).addon().podIdentityAssociations()).isEmpty();
    }

    @Test
    void addonConflictsAndBadInputsChangeNothing() {
        String role = f.podIdentityRole("cni");
        f.world.createPodIdentityAssociation(CLUSTER, "kube-system", "aws-node", role, null, false, null);
        assertThatThrownBy(() -> eks.createAddon(r -> r.clusterName(CLUSTER).addonName("vpc-cni").podIdentityAssociations(
                AddonPodIdentityAssociations.builder().serviceAccount("aws-node").roleArn(role).build())))
                .isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> eks.createAddon(r -> r.clusterName(CLUSTER).addonName("coredns").podIdentityAssociations(
                AddonPodIdentityAssociations.builder().serviceAccount("coredns").roleArn("arn:aws:iam::" + ACCOUNT + ":role/ghost").build())))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> eks.createAddon(r -> r.clusterName(CLUSTER).addonName("made-up-addon")))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(eks.listAddons(r -> r.clusterName(CLUSTER)).addons()).isEmpty();
        assertThatThrownBy(() -> eks.updateAddon(r -> r.clusterName(CLUSTER).addonName("vpc-cni").addonVersion("v9")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> eks.deleteAddon(r -> r.clusterName(CLUSTER).addonName("vpc-cni")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void addonSettlesAfterTheActivationDelayAndListenersHearAboutIt() {
        List<String> events = new ArrayList<>();
        f.world.addAddonListener(new AddonListener() {
            @Override
            public void addonCreated(String cluster, String addon) {
                events.add("created " + cluster + "/" + addon);
            }

            @Override
            public void addonDeleted(String cluster, String addon) {
                events.add("deleted " + cluster + "/" + addon);
            }
        });
        f.world.setAddonActivationDelay(Duration.ofHours(1));
        eks.createAddon(r -> r.clusterName(CLUSTER).addonName("eks-pod-identity-agent"));
        assertThat(eks.describeAddon(r -> r.clusterName(CLUSTER).addonName("eks-pod-identity-agent")).addon().status())
                .isEqualTo(AddonStatus.CREATING);
        f.world.setAddonActivationDelay(Duration.ZERO);
        assertThat(eks.describeAddon(r -> r.clusterName(CLUSTER).addonName("eks-pod-identity-agent")).addon().status())
                .isEqualTo(AddonStatus.ACTIVE);
        eks.deleteAddon(r -> r.clusterName(CLUSTER).addonName("eks-pod-identity-agent"));
        assertThat(events).containsExactly("created prod/eks-pod-identity-agent", "deleted prod/eks-pod-identity-agent");
    }

    @Test
    void addonConfigurationNamesTheServiceAccountsThatWantARole() {
        var config = eks.describeAddonConfiguration(r -> r.addonName("aws-ebs-csi-driver").addonVersion("v1.38.1-eksbuild.1"));
        assertThat(config.addonName()).isEqualTo("aws-ebs-csi-driver");
        assertThat(config.configurationSchema()).contains("\"type\":\"object\"");
        assertThat(config.podIdentityConfiguration()).singleElement().satisfies(c -> {
            assertThat(c.serviceAccount()).isEqualTo("ebs-csi-controller-sa");
            assertThat(c.recommendedManagedPolicies()).containsExactly("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");
        });
        assertThat(eks.describeAddonConfiguration(r -> r.addonName("coredns").addonVersion("v1.11.4-eksbuild.2"))
                .podIdentityConfiguration()).isEmpty();
        assertThatThrownBy(() -> eks.describeAddonConfiguration(r -> r.addonName("nope").addonVersion("v1")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> eks.describeAddonConfiguration(r -> r.addonName("vpc-cni")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void listAddonsPaginates() {
        for (int i = 0; i < 12; i++) {
            f.world.createAddon(CLUSTER, "addon-" + i, "v1.0.0-eksbuild.1", "ACTIVE", null);
        }
        List<String> names = new ArrayList<>();
        eks.listAddonsPaginator(r -> r.clusterName(CLUSTER).maxResults(5)).addons().forEach(names::add);
        assertThat(names).hasSize(12).doesNotHaveDuplicates();
        assertThat(eks.listAddons(r -> r.clusterName(CLUSTER).maxResults(5)).nextToken()).isNotBlank();
    }
}

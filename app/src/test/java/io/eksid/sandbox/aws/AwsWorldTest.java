package io.eksid.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsWorldTest {

    static final String ACCOUNT = "111122223333";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

    private AwsWorld world() {
        AwsWorld world = new AwsWorld();
        world.addAccount(ACCOUNT, "AKIASANDBOX000000001", "secret", 2048);
        world.addCluster(ACCOUNT, "us-west-2", "prod", "1.31", "eks.12",
                "https://oidc.eks.us-west-2.amazonaws.com/id/ABCDEF0123456789", "https://127.0.0.1:1", false);
        return world;
    }

    @Test
    void seedsRolesAssociationsAndAddons() {
        AwsWorld world = world();
        String arn = world.createRole(ACCOUNT, "/teams/payments/", "app", TRUST, "payments app");
        assertThat(arn).isEqualTo("arn:aws:iam::111122223333:role/teams/payments/app");
        world.attachRolePolicy(arn, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        world.putRolePolicy(arn, "extra", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}");
        String id = world.createPodIdentityAssociation("prod", "payments", "app", arn, null, false, null);
        assertThat(id).matches("a-[a-z0-9]{17}");
        assertThat(world.hasPodIdentityAssociation("prod", "payments", "app")).isTrue();
        assertThat(world.hasPodIdentityAssociation("prod", "payments", "other")).isFalse();
        assertThat(world.role(arn)).get().satisfies(r -> {
            assertThat(r.attachedPolicyArns()).containsExactly("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
            assertThat(r.inlinePolicies()).containsKey("extra");
        });

        List<String> events = new ArrayList<>();
        world.addAddonListener(new AddonListener() {
            @Override
            public void addonCreated(String cluster, String addon) {
                events.add("+" + cluster + "/" + addon);
            }

            @Override
            public void addonDeleted(String cluster, String addon) {
                events.add("-" + cluster + "/" + addon);
            }
        });
        world.createAddon("prod", "eks-pod-identity-agent", null, "ACTIVE", null);
        assertThat(events).containsExactly("+prod/eks-pod-identity-agent");
        assertThat(world.addon("prod", "eks-pod-identity-agent")).get()
                .satisfies(a -> assertThat(a.addonVersion()).startsWith("v1."));
    }

    @Test
    void seedingAppliesTheApiRules() {
        AwsWorld world = world();
        String arn = world.createRole(ACCOUNT, "/", "app", TRUST, null);
        assertThatThrownBy(() -> world.createRole(ACCOUNT, "/", "APP", TRUST, null))
                .isInstanceOf(AwsError.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> world.createRole(ACCOUNT, "/", "bad", "{not json", null))
                .isInstanceOf(AwsError.class).extracting(e -> ((AwsError) e).code()).isEqualTo("MalformedPolicyDocument");
        world.createPodIdentityAssociation("prod", "ns", "sa", arn, null, false, null);
        assertThatThrownBy(() -> world.createPodIdentityAssociation("prod", "ns", "sa", arn, null, false, null))
                .isInstanceOf(AwsError.class).extracting(e -> ((AwsError) e).code()).isEqualTo("ResourceInUseException");
        assertThatThrownBy(() -> world.createPodIdentityAssociation("nope", "ns", "sa", arn, null, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> world.addAccount("123", "AKIASANDBOX000000009", "s", 2048))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trustPolicyQuotaIgnoresWhiteSpace() {
        AwsWorld world = new AwsWorld();
        world.addAccount(ACCOUNT, "AKIASANDBOX000000001", "secret", TRUST.length());
        String padded = TRUST.replace(",", ",      \n\t");
        String arn = world.createRole(ACCOUNT, "/", "padded", padded, null);
        assertThat(world.role(arn)).get().extracting(IamRoleRecord::trustPolicy).isEqualTo(padded);
        world.account(ACCOUNT).setTrustPolicyQuota(TRUST.length() - 1);
        assertThatThrownBy(() -> world.updateAssumeRolePolicy(arn, TRUST))
                .isInstanceOf(AwsError.class).hasMessage("Cannot exceed quota for ACLSizePerRole: " + (TRUST.length() - 1));
    }
}

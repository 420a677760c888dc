package io.eksid.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.RoleArn;
import io.eksid.model.trust.PermissionPolicy;
import io.eksid.model.trust.TrustPolicy;
import org.junit.jupiter.api.Test;

/** The bridge role's documents, built as policy objects and printed by the policy writer. */
class BridgeRolesTest {

    private static final RoleArn TARGET = RoleArn.parse("arn:aws:iam::444455556666:role/data/reader");

    @Test
    void trustPolicyIsThePodIdentityStatementLimitedToTheClusterAccount() throws Exception {
        String trust = BridgeRoles.trustPolicy(PlanFixtures.CLUSTER);
        assertThat(trust).isEqualTo("""
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {
                        "Service": "pods.eks.amazonaws.com"
                      },
                      "Action": [
                        "sts:AssumeRole",
                        "sts:TagSession"
                      ],
                      "Condition": {
                        "StringEquals": {
                          "aws:SourceAccount": "111122223333"
                        }
                      }
                    }
                  ]
                }""");
        assertThat(TrustPolicy.parse(trust).toPrettyJson()).isEqualTo(trust);
    }

    @Test
    void permissionPolicyAssumesTheTargetWithSessionTags() throws Exception {
        String policy = BridgeRoles.permissionPolicy(TARGET);
        assertThat(policy).isEqualTo("""
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": [
                        "sts:AssumeRole",
                        "sts:TagSession"
                      ],
                      "Resource": "arn:aws:iam::444455556666:role/data/reader"
                    }
                  ]
                }""");
        assertThat(PermissionPolicy.parse(policy).toPrettyJson()).isEqualTo(policy);
        assertThat(PermissionPolicy.parse(policy).toJson()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Resource\":\"arn:aws:iam::444455556666:role/data/reader\"}]}");
    }

    @Test
    void targetStatementIsExactlyTheStatementToAdd() throws Exception {
        RoleArn bridge = BridgeRoles.bridgeFor(TARGET, PlanFixtures.CLUSTER);
        String statement = BridgeRoles.targetTrustStatementJson(bridge);
        assertThat(statement).isEqualTo("""
                {
                  "Effect": "Allow",
                  "Principal": {
                    "AWS": "arn:aws:iam::111122223333:root"
                  },
                  "Action": [
                    "sts:AssumeRole",
                    "sts:TagSession"
                  ],
                  "Condition": {
                    "ArnEquals": {
                      "aws:PrincipalArn": "%s"
                    }
                  }
                }""".formatted(bridge));
        TrustPolicy parsed = TrustPolicy.parse("{\"Statement\":" + statement + "}");
        assertThat(parsed.statements()).containsExactly(BridgeRoles.targetTrustStatement(bridge));
    }
}

package io.eksid.model.plan;

import static io.eksid.model.plan.PlanFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.Partition;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionPlannerTest {

    private final ConversionPlanner planner = planner();
    private final TrustEvaluator evaluator = new TrustEvaluator();

    private static TrustPolicy parse(String json) {
        try {
            return TrustPolicy.parse(json);
        } catch (PolicyParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sharedRoleGetsExactlyOneTrustUpdateKeepingEveryStatement() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base()
                .serviceAccount(irsaSa("shop/cart", arn)).serviceAccount(irsaSa("shop/orders", arn))
                .role(role(arn, irsaTrust("shop/cart", "shop/orders")))
                .workload(deployment("shop", "cart", "cart")).workload(deployment("shop", "orders", "orders"))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        List<StepAction.UpdateRoleTrust> trust = plan.actions(StepAction.UpdateRoleTrust.class);
        assertThat(trust).hasSize(1);
        assertThat(trust.get(0).serviceAccounts()).containsExactly(ref("shop/cart"), ref("shop/orders"));
        TrustPolicy before = parse(trust.get(0).beforePolicy());
        TrustPolicy after = parse(trust.get(0).afterPolicy());
        assertThat(after.statements()).containsAll(before.statements()).hasSize(before.statements().size() + 1);
        assertThat(evaluator.podIdentity(after, CLUSTER).allowed()).isTrue();
        assertThat(evaluator.irsa(after, CLUSTER, ref("shop/cart"), null).allowed()).isTrue();
        assertThat(trust.get(0).charactersAfter()).isGreaterThan(trust.get(0).charactersBefore());
        assertThat(trust.get(0).quota()).isEqualTo(2048);

        assertThat(plan.actions(StepAction.CreateAssociation.class))
                .extracting(StepAction.CreateAssociation::serviceAccount, StepAction.CreateAssociation::roleArn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cart", arn),
                        org.assertj.core.groups.Tuple.tuple("orders", arn));
        assertThat(plan.actions(StepAction.CreateAssociation.class))
                .allSatisfy(a -> assertThat(a.tags()).containsEntry("eksid/converted-from", "irsa"));
        assertThat(plan.step("association:shop/cart").orElseThrow().dependsOn()).containsExactly("trust:" + arn);
        assertThat(plan.steps(StepKind.RESTART_WORKLOAD)).extracting(PlanStep::id)
                .containsExactly("restart:shop/Deployment/cart", "restart:shop/Deployment/orders");
        assertThat(plan.steps(StepKind.VERIFY)).hasSize(2);
        assertThat(plan.steps(StepKind.ENSURE_AGENT_ADDON)).isEmpty();
        assertThat(plan.summary().serviceAccountsToConvert()).isEqualTo(2);
        assertThat(plan.summary().roleTrustUpdates()).isEqualTo(1);
        assertStepsOrdered(plan);
    }

    @Test
    void replanAfterApplyIsEmptyAndReportsEverythingAsDone() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base()
                .serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, policy(irsaStatement(ACCOUNT, ISSUER, List.of("shop/cart")), POD_IDENTITY_STATEMENT)))
                .association(association("shop/cart", arn, null, null))
                .workload(deployment("shop", "cart", "cart"))
                .pod(pod("shop", "cart-1", "cart", new WorkloadRef("Deployment", "cart"),
                        PodCredentials.podIdentityVars()))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.summary().empty()).isTrue();
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.alreadyDone()).extracting(AlreadyDone::serviceAccount).containsExactly(ref("shop/cart"));
        assertThat(plan.alreadyDone().get(0).detail()).contains("exists").contains("allows Pod Identity");
    }

    @Test
    void existingAssociationWithPodsStillOnIrsaPlansOnlyRestartAndVerify() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base()
                .serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, policy(irsaStatement(ACCOUNT, ISSUER, List.of("shop/cart")), POD_IDENTITY_STATEMENT)))
                .association(association("shop/cart", arn, null, null))
                .workload(deployment("shop", "cart", "cart"))
                .pod(pod("shop", "cart-1", "cart", new WorkloadRef("Deployment", "cart"), PodCredentials.irsaVars(arn)))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        assertThat(plan.steps()).extracting(PlanStep::id)
                .containsExactly("restart:shop/Deployment/cart", "verify:shop/cart");
    }

    @Test
    void trustOverQuotaSkipsEveryServiceAccountOfTheRoleWithTheNumbers() {
        String arn = roleArn("shop-app");
        String trust = irsaTrust("shop/cart", "shop/orders");
        int size = io.eksid.model.trust.PolicySize.measure(trust, 2048).characters();
        ClusterSnapshot snapshot = base()
                .serviceAccount(irsaSa("shop/cart", arn)).serviceAccount(irsaSa("shop/orders", arn))
                .role(role(arn, trust)).trustPolicyQuota(size + 20)
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.skipped()).hasSize(2).allSatisfy(s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.TRUST_POLICY_QUOTA);
            assertThat(s.detail()).contains(String.format("%,d", size + 20)).contains("over")
                    .contains("would free").contains("combined update fits");
        });
    }

    @Test
    void overQuotaWithoutRemovableEntriesSaysSoWithoutSuggestingTheCombinedVariant() {
        String arn = roleArn("shop-app");
        String trust = policy(irsaStatement(ACCOUNT, OTHER_ISSUER, List.of("shop/cart")),
                irsaStatement(ACCOUNT, ISSUER, List.of("shop/cart")));
        int size = io.eksid.model.trust.PolicySize.measure(trust, 2048).characters();
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", arn)).role(role(arn, trust))
                .trustPolicyQuota(size + 5).build();

        SkippedItem skipped = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults()).skipped()
                .get(0);

        assertThat(skipped.reason()).isEqualTo(SkipReason.TRUST_POLICY_QUOTA);
        assertThat(skipped.detail()).contains("raise the account's \"Role trust policy length\" quota");
    }

    @Test
    void associationWithAnotherRoleIsAConflictTheUserMustDecide() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, irsaTrust("shop/cart")))
                .association(association("shop/cart", roleArn("something-else"), null, null)).build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.skipped()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.ASSOCIATION_CONFLICT);
            assertThat(s.detail()).contains("something-else").contains(arn);
        });
    }

    @Test
    void fargateAndWindowsWorkloadsAreRefusedWithTheReason() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base()
                .serviceAccount(irsaSa("shop/cart", arn)).serviceAccount(irsaSa("shop/legacy", arn))
                .role(role(arn, irsaTrust("shop/cart", "shop/legacy")))
                .workload(new WorkloadInfo("shop", new WorkloadRef("Deployment", "cart"), "cart", 1, true, false))
                .pod(new PodInfo("shop", "legacy-1", "u", "legacy", "win-node", new WorkloadRef("StatefulSet",
                        "legacy"), "Running", Instant.EPOCH, null, false, true, false))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.skipped()).extracting(SkippedItem::reason)
                .containsExactly(SkipReason.FARGATE_WORKLOAD, SkipReason.WINDOWS_WORKLOAD);
        assertThat(plan.skipped().get(0).detail()).contains("Deployment/cart").contains("Fargate");
        assertThat(plan.skipped().get(1).detail()).contains("StatefulSet/legacy").contains("Windows");
    }

    @Test
    void addonServiceAccountGoesThroughUpdateAddonKeepingTheAssociationsItOwns() {
        String cni = roleArn("vpc-cni");
        String ebs = roleArn("ebs-csi");
        ClusterSnapshot snapshot = base()
                .addon(new io.eksid.model.Addon("vpc-cni", "v1.18", "ACTIVE", cni, List.of()))
                .addon(new io.eksid.model.Addon("aws-ebs-csi-driver", "v1.30", "ACTIVE", null,
                        List.of("arn:aws:eks:eu-west-1:" + ACCOUNT + ":podidentityassociation/prod/a-ebs-csi-node")))
                .association(association("kube-system/ebs-csi-node", ebs, null,
                        "arn:aws:eks:eu-west-1:" + ACCOUNT + ":addon/prod/aws-ebs-csi-driver/abc"))
                .serviceAccount(irsaSa("kube-system/aws-node", cni))
                .serviceAccount(irsaSa("kube-system/ebs-csi-controller-sa", ebs))
                .role(role(cni, irsaTrust("kube-system/aws-node")))
                .role(role(ebs, irsaTrust("kube-system/ebs-csi-controller-sa")))
                .workload(new WorkloadInfo("kube-system", new WorkloadRef("DaemonSet", "aws-node"), "aws-node", 3,
                        false, false))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(),
                ConversionOptions.defaults().withRemoveAnnotationAfterVerify(true));

        assertThat(plan.steps(StepKind.CREATE_ASSOCIATION)).isEmpty();
        List<StepAction.UpdateAddonPodIdentity> updates = plan.actions(StepAction.UpdateAddonPodIdentity.class);
        assertThat(updates).extracting(StepAction.UpdateAddonPodIdentity::addonName)
                .containsExactly("aws-ebs-csi-driver", "vpc-cni");
        assertThat(updates.get(0).podIdentityAssociations()).containsExactly(
                new StepAction.AddonPodIdentity("ebs-csi-controller-sa", ebs),
                new StepAction.AddonPodIdentity("ebs-csi-node", ebs));
        assertThat(updates.get(1).podIdentityAssociations())
                .containsExactly(new StepAction.AddonPodIdentity("aws-node", cni));
        assertThat(plan.step("addon-pod-identity:vpc-cni").orElseThrow().dependsOn()).containsExactly("trust:" + cni);
        assertThat(plan.steps(StepKind.RESTART_WORKLOAD)).extracting(PlanStep::id)
                .containsExactly("restart:kube-system/DaemonSet/aws-node");
        assertThat(plan.steps(StepKind.REMOVE_IRSA_ANNOTATION)).isEmpty();
        assertThat(plan.notes()).anyMatch(n -> n.contains("serviceAccountRoleArn"));
    }

    @Test
    void crossAccountRoleChainsThroughABridgeRoleWhenTheTargetAccountIsWritable() {
        String target = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/data/reader";
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", target))
                .role(role(target, policy(irsaStatement(OTHER_ACCOUNT, ISSUER, List.of("shop/cart")))))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(),
                ConversionOptions.defaults().withWritableAccounts(java.util.Set.of(OTHER_ACCOUNT)));

        StepAction.CreateBridgeRole bridge = plan.actions(StepAction.CreateBridgeRole.class).get(0);
        assertThat(bridge.rolePath()).isEqualTo("/eksid/");
        assertThat(bridge.roleName()).startsWith("eksid-bridge-reader-").hasSizeLessThanOrEqualTo(64);
        assertThat(bridge.account()).isEqualTo(ACCOUNT);
        assertThat(bridge.targetRoleArn()).isEqualTo(target);
        assertThat(evaluator.podIdentity(parse(bridge.trustPolicy()), CLUSTER).allowed()).isTrue();
        assertThat(bridge.permissionPolicy()).contains("sts:AssumeRole").contains("sts:TagSession").contains(target);

        StepAction.UpdateTargetRoleTrust targetTrust = plan.actions(StepAction.UpdateTargetRoleTrust.class).get(0);
        assertThat(targetTrust.account()).isEqualTo(OTHER_ACCOUNT);
        TrustPolicy after = parse(targetTrust.afterPolicy());
        assertThat(evaluator.sourceRoleWithSessionTags(after, RoleArn.parse(bridge.roleArn())).allowed()).isTrue();
        assertThat(evaluator.sourceRoleWithSessionTags(after,
                RoleArn.parse("arn:aws:iam::" + ACCOUNT + ":role/someone-else")).allowed()).isFalse();

        StepAction.CreateAssociation association = plan.actions(StepAction.CreateAssociation.class).get(0);
        assertThat(association.roleArn()).isEqualTo(bridge.roleArn());
        assertThat(association.targetRoleArn()).isEqualTo(target);
        assertThat(plan.step("association:shop/cart").orElseThrow().dependsOn())
                .containsExactlyInAnyOrder("bridge:" + bridge.roleArn(), "target-trust:" + target);
        assertThat(plan.externalRequests()).isEmpty();
        assertStepsOrdered(plan);
    }

    @Test
    void crossAccountTargetNotWritableBecomesAnExternalRequestAndTheServiceAccountWaits() {
        String target = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/reader";
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", target))
                .unreadableRole(target, "no profile for account " + OTHER_ACCOUNT).build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.externalRequests()).singleElement().satisfies(r -> {
            assertThat(r.account()).isEqualTo(OTHER_ACCOUNT);
            assertThat(r.roleArn()).isEqualTo(target);
            assertThat(r.statementJson()).contains("\"ArnEquals\"").contains("aws:PrincipalArn")
                    .contains("arn:aws:iam::" + ACCOUNT + ":role/eksid/eksid-bridge-reader-")
                    .contains("sts:TagSession").startsWith("{").endsWith("}");
            assertThat(r.serviceAccounts()).containsExactly(ref("shop/cart"));
        });
        assertThat(plan.skipped()).singleElement().extracting(SkippedItem::reason)
                .isEqualTo(SkipReason.TARGET_TRUST_PENDING);

        ConversionPlan confirmed = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults()
                .withConfirmedTargetTrust(java.util.Set.of(target)));
        assertThat(confirmed.steps()).extracting(PlanStep::kind).containsExactly(StepKind.CREATE_BRIDGE_ROLE,
                StepKind.CREATE_ASSOCIATION, StepKind.VERIFY);
    }

    @Test
    void crossAccountCleanUpRemovesTheSubjectFromTheTargetRoleThroughItsAccount() {
        String target = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/reader";
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", target))
                .role(role(target, policy(irsaStatement(OTHER_ACCOUNT, ISSUER, List.of("shop/cart", "shop/other")))))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults()
                .withWritableAccounts(java.util.Set.of(OTHER_ACCOUNT)).withRemoveOidcTrustAfterVerify(true));

        StepAction.RemoveOidcTrust removal = plan.actions(StepAction.RemoveOidcTrust.class).get(0);
        assertThat(removal.account()).isEqualTo(OTHER_ACCOUNT);
        TrustPolicy after = parse(removal.afterPolicy());
        assertThat(evaluator.irsa(after, CLUSTER, ref("shop/cart"), null, OTHER_ACCOUNT).allowed()).isFalse();
        assertThat(evaluator.irsa(after, CLUSTER, ref("shop/other"), null, OTHER_ACCOUNT).allowed()).isTrue();
        String bridge = plan.actions(StepAction.CreateBridgeRole.class).get(0).roleArn();
        assertThat(evaluator.sourceRoleWithSessionTags(after, RoleArn.parse(bridge)).allowed()).isTrue();
        assertThat(plan.step("remove-oidc-trust:" + target).orElseThrow().dependsOn())
                .containsExactly("verify:shop/cart");
    }

    @Test
    void crossAccountReplanAfterApplyIsEmpty() {
        String target = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/reader";
        String bridge = roleArn("eksid/eksid-bridge-reader-1234abcd");
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", target))
                .role(role(bridge, policy(POD_IDENTITY_STATEMENT)))
                .unreadableRole(target, "no profile for account " + OTHER_ACCOUNT)
                .association(association("shop/cart", bridge, target, null))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.externalRequests()).isEmpty();
        assertThat(plan.alreadyDone()).extracting(AlreadyDone::serviceAccount).containsExactly(ref("shop/cart"));
    }

    @Test
    void crossAccountChainingCanBeTurnedOff() {
        String target = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/reader";
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", target)).build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults()
                .withCrossAccount(ConversionOptions.CrossAccountMode.SKIP));

        assertThat(plan.skipped()).singleElement().extracting(SkippedItem::reason)
                .isEqualTo(SkipReason.CROSS_ACCOUNT_DISABLED);
    }

    @Test
    void existingBridgeThatAlreadyWorksIsReused() {
        String target = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/reader";
        String existingBridge = roleArn("chain/bridge");
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", target))
                .role(role(existingBridge, policy(POD_IDENTITY_STATEMENT)))
                .role(role(target, policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + existingBridge
                        + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}")))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        assertThat(plan.steps()).extracting(PlanStep::kind).containsExactly(StepKind.CREATE_ASSOCIATION,
                StepKind.VERIFY);
        assertThat(plan.actions(StepAction.CreateAssociation.class).get(0).roleArn()).isEqualTo(existingBridge);
    }

    @Test
    void rolePathIsKeptInArnsAndTheNameIsTheLastSegment() {
        String arn = "arn:aws:iam::" + ACCOUNT + ":role/teams/payments/app";
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, irsaTrust("shop/cart"))).build();

        ConversionPlan plan = planner.plan(snapshot, Selection.of(ref("shop/cart")), ConversionOptions.defaults());

        StepAction.UpdateRoleTrust trust = plan.actions(StepAction.UpdateRoleTrust.class).get(0);
        assertThat(trust.roleArn()).isEqualTo(arn);
        assertThat(trust.roleName()).isEqualTo("app");
        assertThat(trust.rolePath()).isEqualTo("/teams/payments/");
        assertThat(plan.actions(StepAction.CreateAssociation.class).get(0).roleArn()).isEqualTo(arn);
    }

    @Test
    void cleanUpComesOnlyAfterVerificationAndOnlyWhenOptedIn() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base()
                .serviceAccount(irsaSa("shop/cart", arn)).serviceAccount(irsaSa("shop/orders", arn))
                .role(role(arn, policy(irsaStatement(ACCOUNT, ISSUER, List.of("shop/cart", "shop/orders")),
                        irsaStatement(ACCOUNT, OTHER_ISSUER, List.of("shop/cart")))))
                .build();

        ConversionPlan plain = planner.plan(snapshot, Selection.of(ref("shop/cart")), ConversionOptions.defaults());
        assertThat(plain.steps()).noneMatch(s -> s.kind().cleanUp());

        ConversionPlan plan = planner.plan(snapshot, Selection.of(ref("shop/cart")), ConversionOptions.defaults()
                .withRemoveAnnotationAfterVerify(true).withRemoveOidcTrustAfterVerify(true));
        PlanStep annotation = plan.step("remove-annotation:shop/cart").orElseThrow();
        PlanStep oidc = plan.step("remove-oidc-trust:" + arn).orElseThrow();
        assertThat(annotation.dependsOn()).containsExactly("verify:shop/cart");
        assertThat(oidc.dependsOn()).containsExactly("verify:shop/cart");
        int verifyAt = plan.steps().indexOf(plan.step("verify:shop/cart").orElseThrow());
        assertThat(plan.steps().indexOf(annotation)).isGreaterThan(verifyAt);
        assertThat(plan.steps().indexOf(oidc)).isGreaterThan(verifyAt);
        assertThat(((StepAction.RemoveIrsaAnnotation) annotation.action()).originalValue()).isEqualTo(arn);

        StepAction.RemoveOidcTrust removal = (StepAction.RemoveOidcTrust) oidc.action();
        TrustPolicy before = parse(removal.beforePolicy());
        TrustPolicy after = parse(removal.afterPolicy());
        assertThat(evaluator.podIdentity(before, CLUSTER).allowed()).as("starts from the updated trust").isTrue();
        assertThat(evaluator.podIdentity(after, CLUSTER).allowed()).isTrue();
        assertThat(evaluator.irsa(after, CLUSTER, ref("shop/cart"), null).allowed()).isFalse();
        assertThat(evaluator.irsa(after, CLUSTER, ref("shop/orders"), null).allowed()).as("other SA kept").isTrue();
        ClusterInfo other = new ClusterInfo("staging", null, ACCOUNT, Partition.AWS, "eu-west-1", OTHER_ISSUER,
                "1.30", "eks.5", false);
        assertThat(evaluator.irsa(after, other, ref("shop/cart"), null).allowed()).as("other cluster kept").isTrue();
    }

    @Test
    void wildcardThatStillAdmitsTheServiceAccountIsReported() {
        String arn = roleArn("shop-app");
        String host = ClusterInfo.stripIssuer(ISSUER);
        String wildcard = "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::" + ACCOUNT
                + ":oidc-provider/" + host + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":"
                + "{\"StringLike\":{\"" + host + ":sub\":\"system:serviceaccount:shop:*\"}}}";
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, policy(irsaStatement(ACCOUNT, ISSUER, List.of("shop/cart")), wildcard))).build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(),
                ConversionOptions.defaults().withRemoveOidcTrustAfterVerify(true));

        assertThat(plan.actions(StepAction.RemoveOidcTrust.class)).isEmpty();
        assertThat(plan.notes()).anyMatch(n -> n.contains("is left as it is") && n.contains("admits it through StringLike")
                && n.contains("Statement[1]"));
    }

    @Test
    void agentAddonIsEnsuredFirstUnlessAutoMode() {
        String arn = roleArn("shop-app");
        ClusterSnapshot.Builder b = ClusterSnapshot.builder(CLUSTER).serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, irsaTrust("shop/cart"))).workload(deployment("shop", "cart", "cart"));
        ConversionPlan missing = planner.plan(b.build(), Selection.allIrsa(), ConversionOptions.defaults());
        assertThat(missing.steps().get(0).action()).isEqualTo(new StepAction.EnsureAgentAddon("prod",
                "eks-pod-identity-agent", StepAction.AgentOperation.CREATE, null));
        assertThat(missing.step("restart:shop/Deployment/cart").orElseThrow().dependsOn()).contains("agent-addon");

        ConversionPlan creating = planner.plan(b.addon(agent("CREATING")).build(), Selection.allIrsa(),
                ConversionOptions.defaults());
        assertThat(((StepAction.EnsureAgentAddon) creating.steps().get(0).action()).operation())
                .isEqualTo(StepAction.AgentOperation.WAIT_UNTIL_ACTIVE);

        for (String[] c : new String[][] {{"DEGRADED", "UPDATE"}, {"CREATE_FAILED", "UPDATE"},
                {"UPDATING", "WAIT_UNTIL_ACTIVE"}, {"DELETING", "RECREATE_AFTER_DELETE"}}) {
            ClusterSnapshot s = ClusterSnapshot.builder(CLUSTER).serviceAccount(irsaSa("shop/cart", arn))
                    .role(role(arn, irsaTrust("shop/cart"))).addon(agent(c[0])).build();
            PlanStep step = planner.plan(s, Selection.allIrsa(), ConversionOptions.defaults()).steps().get(0);
            assertThat(((StepAction.EnsureAgentAddon) step.action()).operation().name()).isEqualTo(c[1]);
            assertThat(step.title()).contains(c[0].equals("DELETING") ? "deletion" : c[0]);
        }

        ClusterInfo auto = new ClusterInfo("prod", null, ACCOUNT, Partition.AWS, "eu-west-1", ISSUER, "1.31",
                "eks.2", true);
        ClusterSnapshot autoMode = ClusterSnapshot.builder(auto).serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, irsaTrust("shop/cart"))).build();
        assertThat(planner.plan(autoMode, Selection.allIrsa(), ConversionOptions.defaults())
                .steps(StepKind.ENSURE_AGENT_ADDON)).isEmpty();
    }

    @Test
    void unusableSelectionsAreReportedNeverDropped() {
        ClusterSnapshot snapshot = base()
                .serviceAccount(plainSa("shop/plain"))
                .serviceAccount(irsaSa("shop/typo", "arn:aws:iam::1234:role/x"))
                .serviceAccount(irsaSa("shop/locked", roleArn("locked")))
                .serviceAccount(irsaSa("shop/gone", roleArn("gone")))
                .unreadableRole(roleArn("locked"), "AccessDenied: not authorized to perform iam:GetRole")
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.serviceAccounts(List.of(ref("shop/plain"),
                ref("shop/typo"), ref("shop/locked"), ref("shop/gone"), ref("shop/nobody"), ref("nope/x"))),
                ConversionOptions.defaults());

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.skipped()).extracting(s -> s.serviceAccount().toString() + "=" + s.reason()).containsExactly(
                "nope/x=SERVICE_ACCOUNT_MISSING", "shop/gone=ROLE_MISSING", "shop/locked=ROLE_UNREADABLE",
                "shop/nobody=SERVICE_ACCOUNT_MISSING", "shop/plain=NO_IRSA_ANNOTATION", "shop/typo=MALFORMED_ROLE_ARN");
        assertThat(plan.skipped()).filteredOn(s -> s.reason() == SkipReason.ROLE_UNREADABLE).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains("AccessDenied"));
        assertThat(plan.skipped()).filteredOn(s -> s.serviceAccount().equals(ref("nope/x"))).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains("namespace nope does not exist"));
        assertThat(plan.skipped()).filteredOn(s -> s.reason() == SkipReason.MALFORMED_ROLE_ARN).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains("12-digit"));
    }

    @Test
    void jobsAndBarePodsGetANoteAndRestartCanBeTurnedOff() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, irsaTrust("shop/cart")))
                .workload(deployment("shop", "cart", "cart"))
                .pod(pod("shop", "migrate-x1", "cart", new WorkloadRef("Job", "migrate"), PodCredentials.irsaVars(arn)))
                .pod(pod("shop", "debug", "cart", null, PodCredentials.irsaVars(arn)))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());
        assertThat(plan.notes()).anyMatch(n -> n.contains("Job/migrate") && n.contains("bare pod debug")
                && n.contains("recreated"));

        ConversionPlan noRestart = planner.plan(snapshot, Selection.allIrsa(),
                ConversionOptions.defaults().withRestartWorkloads(false));
        assertThat(noRestart.steps(StepKind.RESTART_WORKLOAD)).isEmpty();
        assertThat(noRestart.notes()).anyMatch(n -> n.startsWith("Restarts are off"));
    }

    @Test
    void selectionByNamespaceTakesOnlyItsIrsaServiceAccounts() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", arn))
                .serviceAccount(irsaSa("kube-system/other", arn)).role(role(arn, irsaTrust("shop/cart")))
                .build();

        ConversionPlan plan = planner.plan(snapshot, Selection.namespaces(List.of("shop", "ghost")),
                ConversionOptions.defaults());

        assertThat(plan.planned()).extracting(PlannedServiceAccount::serviceAccount).containsExactly(ref("shop/cart"));
        assertThat(plan.notes()).anyMatch(n -> n.contains("ghost") && n.contains("does not exist"));
    }

    @Test
    void planIdIsAContentHash() {
        String arn = roleArn("shop-app");
        ClusterSnapshot one = base().serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, irsaTrust("shop/cart"))).takenAt(Instant.parse("2026-01-01T00:00:00Z")).build();
        ClusterSnapshot sameLater = base().serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, irsaTrust("shop/cart"))).takenAt(Instant.parse("2026-02-01T00:00:00Z")).build();
        ClusterSnapshot different = base().serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, irsaTrust("shop/cart", "shop/orders"))).build();

        String id = planner.plan(one, Selection.allIrsa(), ConversionOptions.defaults()).id();

        assertThat(id).matches("plan-[0-9a-f]{16}");
        assertThat(planner.plan(one, Selection.allIrsa(), ConversionOptions.defaults()).id()).isEqualTo(id);
        assertThat(planner.plan(sameLater, Selection.allIrsa(), ConversionOptions.defaults()).id()).isEqualTo(id);
        assertThat(planner.plan(different, Selection.allIrsa(), ConversionOptions.defaults()).id()).isNotEqualTo(id);
        assertThat(planner.plan(one, Selection.allIrsa(), ConversionOptions.defaults()
                .withRemoveAnnotationAfterVerify(true)).id()).isNotEqualTo(id);
    }

    @Test
    void chinaRegionsCannotUsePodIdentity() {
        ClusterInfo cn = new ClusterInfo("prod", null, ACCOUNT, Partition.AWS_CN, "cn-north-1", ISSUER, "1.30",
                "eks.5", false);
        String arn = "arn:aws-cn:iam::" + ACCOUNT + ":role/app";
        ClusterSnapshot snapshot = ClusterSnapshot.builder(cn).serviceAccount(irsaSa("shop/cart", arn)).build();

        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        assertThat(plan.skipped()).singleElement().extracting(SkippedItem::reason)
                .isEqualTo(SkipReason.CLUSTER_UNSUPPORTED);
    }

    static void assertStepsOrdered(ConversionPlan plan) {
        List<String> ids = plan.steps().stream().map(PlanStep::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        for (int i = 0; i < plan.steps().size(); i++) {
            for (String dep : plan.steps().get(i).dependsOn()) {
                assertThat(ids.indexOf(dep)).as(plan.steps().get(i).id() + " after " + dep).isBetween(0, i - 1);
            }
        }
    }
}

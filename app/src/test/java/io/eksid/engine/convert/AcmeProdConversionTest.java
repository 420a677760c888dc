package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.PodInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.WorkloadRef;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlannedServiceAccount;
import io.eksid.model.plan.SkipReason;
import io.eksid.model.plan.SkippedItem;
import io.eksid.model.plan.StepAction;
import io.eksid.model.plan.StepKind;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole acme-prod conversion against the sandbox over HTTP: every case handled or skipped with its reason, the
 * sandbox's state proving it, a rerun that writes nothing, and a rollback back to the original documents.
 */
class AcmeProdConversionTest {

    @TempDir
    Path dir;

    @Test
    void convertsAcmeProdThenRerunWritesNothingThenRollsBack() {
        try (ConvertSandbox sb = new ConvertSandbox(dir); ClusterSession session = sb.open(ConvertSandbox.PROD)) {
            ConversionPlan plan = ConvertSandbox.plan(session, ConversionOptions.defaults());
            ConversionGateways gw = session.gateways(session.writableAccounts());
            assertPlanCoversEveryCase(plan);
            LiveState before = LiveState.read(gw, plan);

            List<StepEvent> events = new ArrayList<>();
            JournalFiles journals = new JournalFiles(dir.resolve("journal"));
            ApplyResult result = ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan,
                    journals.newRun(plan.id(), Instant.now()), events::add, new CancellationToken(),
                    ExecutionHook.NONE);

            assertThat(result.failed()).isEmpty();
            assertThat(result.skipped()).isEmpty();
            assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.COMPLETED);
            assertThat(result.succeeded()).hasSize(plan.steps().size());
            assertThat(events).filteredOn(e -> e.type() == StepEvent.Type.DONE).hasSize(plan.steps().size());
            assertConverted(session, gw, plan, before);

            // Rerun of the same plan: every step finds its work done and writes nothing.
            ApplyResult again = ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan,
                    journals.newRun(plan.id(), Instant.now().plusSeconds(1)), e -> { }, new CancellationToken(),
                    ExecutionHook.NONE);
            assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.COMPLETED);
            assertThat(again.awsWrites()).isZero();
            assertThat(again.kubeWrites()).isZero();
            assertThat(again.succeeded()).noneMatch(ApplyResult.StepOutcome::changed);
            // A fresh plan of the converted cluster has nothing left to do.
            ConversionPlan replan = ConvertSandbox.plan(session.refreshed(), ConversionOptions.defaults());
            assertThat(replan.steps()).isEmpty();

            RollbackResult rollback = ConvertSandbox.rollback(session).run(result.journal(), e -> { }, null);
            assertThat(rollback.conflicts()).isEmpty();
            assertThat(rollback.failed()).isEmpty();
            LiveState after = LiveState.read(gw, plan);
            assertThat(after.trust()).isEqualTo(before.trust());
            assertThat(after.associations()).isEqualTo(before.associations());
            assertThat(after.annotations()).isEqualTo(before.annotations());
        }
    }

    private static void assertPlanCoversEveryCase(ConversionPlan plan) {
        Map<String, SkipReason> skipped = plan.skipped().stream().collect(Collectors.toMap(
                s -> s.serviceAccount().toString(), SkippedItem::reason));
        assertThat(skipped).containsEntry("batch-fargate/report-generator", SkipReason.FARGATE_WORKLOAD)
                .containsEntry("batch-fargate/invoice-exporter", SkipReason.FARGATE_WORKLOAD)
                .containsEntry("orders/legacy-invoicing", SkipReason.WINDOWS_WORKLOAD)
                .containsEntry("data-pipeline/kafka-connect", SkipReason.TRUST_POLICY_QUOTA);
        // Shared role: one trust update for three service accounts.
        assertThat(plan.actions(StepAction.UpdateRoleTrust.class))
                .filteredOn(t -> t.roleName().equals("acme-prod-catalog-reader")).singleElement()
                .satisfies(t -> assertThat(t.serviceAccounts()).hasSize(3));
        // Role with a path.
        assertThat(plan.actions(StepAction.UpdateRoleTrust.class))
                .anyMatch(t -> t.roleArn().equals("arn:aws:iam::111122223333:role/teams/payments/payments-api"));
        // Add-on service accounts go through UpdateAddon, the agent comes first.
        assertThat(plan.actions(StepAction.UpdateAddonPodIdentity.class)).extracting(StepAction.UpdateAddonPodIdentity::addonName)
                .containsExactlyInAnyOrder("vpc-cni", "aws-ebs-csi-driver");
        assertThat(plan.steps().get(0).kind()).isEqualTo(StepKind.ENSURE_AGENT_ADDON);
        // Cross-account: an association role in the cluster account chaining to the original role.
        assertThat(plan.actions(StepAction.CreateAssociation.class))
                .filteredOn(a -> a.serviceAccount().equals("ledger-writer")).singleElement()
                .satisfies(a -> {
                    assertThat(RoleArn.parse(a.roleArn()).account()).isEqualTo("111122223333");
                    assertThat(a.targetRoleArn()).isEqualTo("arn:aws:iam::444455556666:role/acme-ledger-writer");
                });
    }

    private static void assertConverted(ClusterSession session, ConversionGateways gw, ConversionPlan plan,
                                        LiveState before) {
        LiveState now = LiveState.read(gw, plan);
        TrustEvaluator evaluator = new TrustEvaluator();
        for (PlannedServiceAccount p : plan.planned()) {
            assertThat(now.associations()).containsEntry(p.serviceAccount().toString(), p.associationRoleArn()
                    + (p.targetRoleArn() == null ? "" : " -> " + p.targetRoleArn()));
            TrustPolicy trust = now.trust().get(p.associationRoleArn());
            assertThat(evaluator.podIdentity(trust, plan.cluster()).allowed()).as(p.associationRoleArn()).isTrue();
        }
        for (var e : before.trust().entrySet()) {
            List<Statement> kept = now.trust().get(e.getKey()).statements();
            assertThat(kept).as("every original statement of " + e.getKey()).containsAll(e.getValue().statements());
        }
        assertThat(now.annotations()).isEqualTo(before.annotations());
        for (StepAction.RestartWorkload r : plan.actions(StepAction.RestartWorkload.class)) {
            List<PodInfo> pods = gw.kube().workloadPods(r.namespace(), new WorkloadRef(r.workloadKind(),
                    r.workloadName()));
            assertThat(pods).as(r.workloadName()).isNotEmpty()
                    .allSatisfy(pod -> assertThat(pod.credentials().podIdentity()).isTrue());
        }
        assertThat(gw.cluster().describeAddon(plan.cluster().name(), "eks-pod-identity-agent"))
                .hasValueSatisfying(a -> assertThat(a.active()).isTrue());
    }
}

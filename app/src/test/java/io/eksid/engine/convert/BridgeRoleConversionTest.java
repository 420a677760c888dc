package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.StepAction;
import io.eksid.model.plan.StepKind;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.model.trust.TrustRewriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-account IRSA whose target trusts no role of the cluster's account yet: the conversion creates the bridge
 * role, extends the target's trust through the other account's profile, associates with targetRoleArn, verifies
 * the chain, and rollback removes the bridge and restores the target's trust.
 */
class BridgeRoleConversionTest {

    static final String TARGET = "arn:aws:iam::444455556666:role/acme-ledger-writer";

    @TempDir
    Path dir;

    @Test
    void createsTheBridgeAndExtendsTheTargetTrustThenRollsBack() throws Exception {
        try (ConvertSandbox sb = new ConvertSandbox(dir)) {
            // The target trusts only its IRSA statement: no role of the cluster account may chain into it yet.
            var world = sb.sandbox.awsWorld();
            TrustPolicy targetTrust = TrustPolicy.parse(world.role(TARGET).orElseThrow().trustPolicy());
            List<Statement> irsaOnly = targetTrust.statements().stream()
                    .filter(s -> s.principal() == null || s.principal().values("AWS").isEmpty()).toList();
            world.updateAssumeRolePolicy(TARGET, targetTrust.withStatements(irsaOnly).toJson());
            try (ClusterSession session = sb.open(ConvertSandbox.PROD)) {
                ConversionPlan plan = new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(
                        session.snapshot(), Selection.of(ServiceAccountRef.parse("payments/ledger-writer")),
                        io.eksid.model.plan.ConversionOptions.defaults()
                                .withWritableAccounts(session.writableAccounts()));
                assertThat(plan.steps()).extracting(s -> s.kind()).contains(StepKind.CREATE_BRIDGE_ROLE,
                        StepKind.UPDATE_TARGET_ROLE_TRUST, StepKind.CREATE_ASSOCIATION);
                StepAction.CreateBridgeRole bridge = plan.actions(StepAction.CreateBridgeRole.class).get(0);

                ApplyResult r = ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan,
                        dir.resolve("bridge.jsonl"), e -> { }, new CancellationToken(), ExecutionHook.NONE);
                assertThat(r.failed()).isEmpty();
                assertThat(world.role(bridge.roleArn())).isPresent();
                var association = session.gateways(session.writableAccounts()).cluster()
                        .findAssociation("acme-prod", "payments", "ledger-writer").orElseThrow();
                assertThat(association.roleArn()).isEqualTo(bridge.roleArn());
                assertThat(association.targetRoleArn()).isEqualTo(TARGET);
                TrustPolicy extended = TrustPolicy.parse(world.role(TARGET).orElseThrow().trustPolicy());
                assertThat(extended.statements()).containsAll(irsaOnly).hasSize(irsaOnly.size() + 1);

                RollbackResult rollback = ConvertSandbox.rollback(session).run(dir.resolve("bridge.jsonl"),
                        e -> { }, null);
                assertThat(rollback.conflicts()).isEmpty();
                assertThat(rollback.failed()).isEmpty();
                assertThat(world.role(bridge.roleArn())).isEmpty();
                assertThat(TrustPolicy.parse(world.role(TARGET).orElseThrow().trustPolicy()))
                        .isEqualTo(targetTrust.withStatements(irsaOnly));
                assertThat(world.podIdentityAssociation("acme-prod", "payments", "ledger-writer")).isEmpty();
            }
        }
    }
}

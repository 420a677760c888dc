package io.eksid.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.SkipReason;
import io.eksid.model.plan.StepAction;
import io.eksid.model.plan.StepKind;
import io.eksid.ui.ActivityEntry;
import io.eksid.ui.TaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversion wizard's view model on acme-prod as the live session reads it, with synchronous tasks. */
class ConversionWizardModelTest {

    @TempDir
    static Path dir;
    static WizardSandbox sandbox;
    static ClusterSnapshot snapshot;
    static WorkspacePlanRunner runner;

    @BeforeAll
    static void start() {
        sandbox = new WizardSandbox(dir);
        snapshot = sandbox.liveSnapshot();
        runner = sandbox.runner();
    }

    @AfterAll
    static void stop() {
        runner.close();
        sandbox.close();
    }

    private final SimpleBooleanProperty readOnly = new SimpleBooleanProperty();
    private final SimpleBooleanProperty applyRunning = new SimpleBooleanProperty();
    private final List<ActivityEntry> activity = new ArrayList<>();

    private ConversionWizardModel wizard(Selection selection) {
        ConversionWizardModel m = new ConversionWizardModel(snapshot, selection, TaskRunner.synchronous(), runner,
                readOnly, applyRunning, activity::add, () -> { }, Clock.systemUTC());
        m.replan();
        return m;
    }

    @Test
    void previewOfTheWholeClusterCountsSharedRolesOnceAndSkipsFargate() {
        ConversionWizardModel m = wizard(Selection.allIrsa());
        ConversionPlan plan = m.planProperty().get();

        assertThat(m.planErrorProperty().get()).isNull();
        assertThat(plan.summary().serviceAccountsToConvert()).isGreaterThan(10);
        assertThat(plan.summary().associations()).isPositive();
        assertThat(plan.skipped()).anySatisfy(s -> {
            assertThat(s.serviceAccount()).isEqualTo(new ServiceAccountRef("batch-fargate", "report-generator"));
            assertThat(s.reason()).isEqualTo(SkipReason.FARGATE_WORKLOAD);
        });
        List<TrustChange> trust = TrustChange.of(plan).stream()
                .filter(t -> t.heading().startsWith("Add Pod Identity")).toList();
        // one diff per role, however many service accounts share it
        assertThat(trust).extracting(TrustChange::roleArn).doesNotHaveDuplicates();
        assertThat(trust).anySatisfy(t -> assertThat(t.serviceAccounts()).hasSizeGreaterThanOrEqualTo(3));
        assertThat(trust).allSatisfy(t -> {
            assertThat(t.after()).contains("pods.eks.amazonaws.com").contains("sts:TagSession");
            assertThat(t.charactersAfter()).isGreaterThan(t.charactersBefore()).isLessThanOrEqualTo(t.quota());
        });
        assertThat(m.applyDisabledReasonProperty().get()).isNull();
        assertThat(m.confirmationText()).contains("acme-prod").contains("journaled");
    }

    @Test
    void optionsReplanLive() {
        ConversionWizardModel m = wizard(Selection.allIrsa());
        ConversionPlan first = m.planProperty().get();
        assertThat(first.steps(StepKind.REMOVE_IRSA_ANNOTATION)).isEmpty();
        assertThat(first.steps(StepKind.RESTART_WORKLOAD)).isNotEmpty();

        m.removeAnnotationProperty().set(true);
        assertThat(m.planProperty().get().steps(StepKind.REMOVE_IRSA_ANNOTATION)).isNotEmpty();

        m.restartWorkloadsProperty().set(false);
        assertThat(m.planProperty().get().steps(StepKind.RESTART_WORKLOAD)).isEmpty();

        m.chainCrossAccountProperty().set(false);
        assertThat(m.planProperty().get().skipped()).anySatisfy(s ->
                assertThat(s.reason()).isEqualTo(SkipReason.CROSS_ACCOUNT_DISABLED));
        assertThat(m.planProperty().get().actions(StepAction.CreateAssociation.class))
                .noneMatch(a -> a.targetRoleArn() != null);
    }

    @Test
    void selectionFromGraphNodes() {
        assertThat(Selections.of(List.of())).isEqualTo(Selection.allIrsa());
        assertThat(Selections.of(List.of("ns:payments"))).isEqualTo(
                Selection.namespaces(List.of("payments")));
        assertThat(Selections.of(List.of("sa:payments/payments-api"))).isEqualTo(
                Selection.of(new ServiceAccountRef("payments", "payments-api")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Selections.of(
                List.of("role:arn"))).hasMessageContaining("pick a service account or a namespace");
    }

    @Test
    void applyIsDisabledWithAVisibleReason() {
        ConversionWizardModel m = wizard(Selection.of(new ServiceAccountRef("payments", "payments-api")));
        assertThat(m.applyDisabledReasonProperty().get()).isNull();

        readOnly.set(true);
        assertThat(m.applyDisabledReasonProperty().get()).contains("Read-only");
        readOnly.set(false);

        applyRunning.set(true);
        assertThat(m.applyDisabledReasonProperty().get()).contains("Another apply is running");
        m.requestApply();
        assertThat(m.phaseProperty().get()).isEqualTo(ConversionWizardModel.Phase.PREVIEW);
        applyRunning.set(false);

        ConversionWizardModel fargate = wizard(Selection.of(new ServiceAccountRef("batch-fargate",
                "report-generator")));
        assertThat(fargate.applyDisabledReasonProperty().get()).startsWith("Nothing to do").contains("1 skipped");
    }

    @Test
    void nothingIsWrittenBeforeTheConfirmation() {
        ConversionWizardModel m = wizard(Selection.of(new ServiceAccountRef("payments", "payments-api")));
        m.confirmApply();
        assertThat(m.phaseProperty().get()).isEqualTo(ConversionWizardModel.Phase.PREVIEW);
        m.requestApply();
        assertThat(m.phaseProperty().get()).isEqualTo(ConversionWizardModel.Phase.CONFIRMING);
        m.cancelConfirmation();
        assertThat(m.phaseProperty().get()).isEqualTo(ConversionWizardModel.Phase.PREVIEW);
        assertThat(sandbox.sandbox.awsWorld().hasPodIdentityAssociation(WizardSandbox.CONTEXT, "payments",
                "payments-api")).isFalse();
        assertThat(activity).isEmpty();
    }

    @Test
    void exportsEveryFormat() {
        ConversionWizardModel m = wizard(Selection.of(new ServiceAccountRef("payments", "payments-api")));
        assertThat(m.export(PlanExport.TERRAFORM)).contains("aws_eks_pod_identity_association");
        assertThat(m.export(PlanExport.EKSCTL)).contains("podIdentityAssociations");
        assertThat(m.export(PlanExport.SCRIPT)).contains("create-pod-identity-association");
    }

    static String describe(ConversionPlan p) {
        return p.skipped().stream().map(s -> s.serviceAccount() + ":" + s.reason()).collect(Collectors.joining(","));
    }
}

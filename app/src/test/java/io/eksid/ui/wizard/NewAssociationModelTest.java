package io.eksid.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.StepKind;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.ui.ActivityEntry;
import io.eksid.ui.TaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The new-association wizard's fields, messages, API calls and its journaled apply, on the acme-prod sandbox. */
class NewAssociationModelTest {

    static final String WORKER_ROLE = "arn:aws:iam::111122223333:role/acme-prod-checkout-worker";

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
    private final List<ActivityEntry> activity = new ArrayList<>();

    private NewAssociationModel wizard() {
        return new NewAssociationModel(snapshot, TaskRunner.synchronous(), runner, readOnly,
                new SimpleBooleanProperty(), activity::add, () -> { }, Clock.systemUTC());
    }

    @Test
    void everyFieldSaysWhatIsWrongWithIt() {
        NewAssociationModel m = wizard();
        m.namespaceProperty().set("Bad_Namespace");
        assertThat(m.namespaceErrorProperty().get()).startsWith("Not a namespace name");
        m.namespaceProperty().set("orders");
        assertThat(m.namespaceErrorProperty().get()).isNull();

        m.serviceAccountProperty().set("orders-fulfillment");
        assertThat(m.serviceAccountErrorProperty().get()).startsWith("An association already exists for "
                + "orders/orders-fulfillment");
        m.serviceAccountProperty().set("UPPER");
        assertThat(m.serviceAccountErrorProperty().get()).startsWith("Not a service account name");

        m.roleArnProperty().set("acme-prod-checkout-worker");
        assertThat(m.roleErrorProperty().get()).startsWith("Not a role ARN");
        m.roleArnProperty().set("arn:aws:iam::444455556666:role/acme-ledger-writer");
        assertThat(m.roleErrorProperty().get()).contains("must be in the cluster's account 111122223333");

        m.targetRoleArnProperty().set("arn:aws:iam::4444:role/x");
        assertThat(m.targetRoleErrorProperty().get()).startsWith("Not a role ARN");

        m.sessionPolicyProperty().set("{\"Version\":\"2012-10-17\",\"Statement\":[");
        assertThat(m.sessionPolicyErrorProperty().get()).startsWith("Malformed JSON at line 1");
        m.sessionPolicyProperty().set("{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        assertThat(m.sessionPolicyErrorProperty().get()).contains("only accepted with session tags disabled");
        m.disableSessionTagsProperty().set(true);
        assertThat(m.sessionPolicyErrorProperty().get()).isNull();

        assertThat(m.applyDisabledReasonProperty().get()).startsWith("Fix the field marked in red");
        assertThat(m.plan()).isEmpty();
    }

    @Test
    void rolesSayWhetherTheyTrustPodIdentityAndANewServiceAccountIsExplained() {
        NewAssociationModel m = wizard();
        assertThat(m.roles()).isNotEmpty().allSatisfy(r -> assertThat(r.arn()).contains(":111122223333:"));
        assertThat(m.roles()).anySatisfy(r -> assertThat(r.trustsPodIdentity()).isTrue());
        assertThat(m.roles()).anySatisfy(r -> assertThat(r.trustsPodIdentity()).isFalse());

        m.namespaceProperty().set("checkout");
        m.serviceAccountProperty().set("not-yet-created");
        assertThat(m.serviceAccountErrorProperty().get()).isNull();
        assertThat(m.serviceAccountNoteProperty().get()).contains("association is created now");
    }

    @Test
    void aRoleWithoutPodIdentityTrustGetsItAddedWithADiffAndTheCallsAreShown() {
        NewAssociationModel m = wizard();
        m.namespaceProperty().set("checkout");
        m.serviceAccountProperty().set("cart-cache");
        m.roleArnProperty().set(WORKER_ROLE);

        assertThat(m.trustDiffProperty().get()).contains("+").contains("pods.eks.amazonaws.com");
        assertThat(m.apiCallsProperty().get()).contains("iam:UpdateAssumeRolePolicy role/acme-prod-checkout-worker")
                .contains("eks:CreatePodIdentityAssociation {\"clusterName\":\"acme-prod\",\"namespace\":\"checkout\","
                        + "\"serviceAccount\":\"cart-cache\",\"roleArn\":\"" + WORKER_ROLE + "\"}");
        ConversionPlan plan = m.plan().orElseThrow();
        assertThat(plan.steps()).extracting(s -> s.kind()).containsSubsequence(StepKind.UPDATE_ROLE_TRUST,
                StepKind.CREATE_ASSOCIATION);

        m.addTrustProperty().set(false);
        assertThat(m.applyDisabledReasonProperty().get()).contains("does not trust pods.eks.amazonaws.com");
        m.addTrustProperty().set(true);
        readOnly.set(true);
        assertThat(m.applyDisabledReasonProperty().get()).contains("Read-only");
        readOnly.set(false);
        assertThat(m.applyDisabledReasonProperty().get()).isNull();
    }

    @Test
    void applyCreatesTheAssociationThroughTheJournalAndRollbackRemovesIt() throws Exception {
        NewAssociationModel m = wizard();
        m.namespaceProperty().set("checkout");
        m.serviceAccountProperty().set("cart-cache");
        m.roleArnProperty().set(WORKER_ROLE);
        m.review();
        m.apply();

        assertThat(m.resultProperty().get()).startsWith("Created the association");
        assertThat(sandbox.sandbox.awsWorld().podIdentityAssociation("acme-prod", "checkout", "cart-cache"))
                .hasValueSatisfying(a -> assertThat(a.roleArn()).isEqualTo(WORKER_ROLE));
        assertThat(activity).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ActivityEntry.Kind.CONVERSION);
            assertThat(sandbox.journals.find(e.journalId())).exists();
        });
        assertThat(new TrustEvaluator().podIdentity(TrustPolicy.parse(runnerTrust()), snapshot.cluster()).allowed())
                .isTrue();

        // the Activity tab's rollback goes through the same runner and journal
        var rollback = runner.rollback(activity.get(0).journalId(), e -> { }, null);
        assertThat(rollback.conflicts()).isEmpty();
        assertThat(rollback.failed()).isEmpty();
        assertThat(sandbox.sandbox.awsWorld().hasPodIdentityAssociation("acme-prod", "checkout", "cart-cache"))
                .isFalse();
        assertThat(new TrustEvaluator().podIdentity(TrustPolicy.parse(runnerTrust()), snapshot.cluster()).allowed())
                .isFalse();
    }

    @Test
    void sessionTagsCanBeDisabledWithASessionPolicyAndReachEks() throws Exception {
        NewAssociationModel m = wizard();
        m.namespaceProperty().set("checkout");
        m.serviceAccountProperty().set("checkout-batch");
        m.roleArnProperty().set(WORKER_ROLE);
        m.disableSessionTagsProperty().set(true);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"}]}";
        m.sessionPolicyProperty().set(policy);
        assertThat(m.applyDisabledReasonProperty().get()).isNull();
        m.review();
        m.apply();
        assertThat(m.resultProperty().get()).startsWith("Created the association");
        assertThat(sandbox.sandbox.awsWorld().podIdentityAssociation("acme-prod", "checkout", "checkout-batch"))
                .hasValueSatisfying(a -> {
                    assertThat(a.disableSessionTags()).isTrue();
                    assertThat(a.policy()).isEqualTo(policy);
                });
        // leave the shared sandbox as it was for the other tests
        var rollback = runner.rollback(activity.get(0).journalId(), e -> { }, null);
        assertThat(rollback.failed()).isEmpty();
        assertThat(sandbox.sandbox.awsWorld().hasPodIdentityAssociation("acme-prod", "checkout", "checkout-batch"))
                .isFalse();
    }

    @Test
    void aNewRoleIsCheckedAtTheFieldThenCreatedWithPodIdentityTrustAndItsPoliciesAndRolledBack() throws Exception {
        NewAssociationModel m = wizard();
        m.namespaceProperty().set("orders");
        m.serviceAccountProperty().set("orders-reporter");
        m.createRoleProperty().set(true);
        assertThat(m.roleErrorProperty().get()).isEqualTo("Name the new role");
        m.newRoleNameProperty().set("bad name!");
        assertThat(m.roleErrorProperty().get()).contains("1 to 64 letters");
        m.newRoleNameProperty().set("acme-prod-checkout-worker");
        assertThat(m.roleErrorProperty().get()).contains("already exists");
        m.newRoleNameProperty().set("orders-reporter");
        m.newRolePathProperty().set("teams/orders");
        assertThat(m.roleErrorProperty().get()).contains("starts and ends with /");
        m.newRolePathProperty().set("/teams/orders/");
        m.managedPoliciesProperty().set("s3-read-only");
        assertThat(m.managedPoliciesErrorProperty().get()).contains("not a valid ARN");
        m.managedPoliciesProperty().set("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        assertThat(m.applyDisabledReasonProperty().get()).isNull();
        assertThat(m.apiCallsProperty().get()).contains("iam:CreateRole {\"RoleName\":\"orders-reporter\"")
                .contains("iam:AttachRolePolicy orders-reporter arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
                .contains("\"roleArn\":\"arn:aws:iam::111122223333:role/teams/orders/orders-reporter\"");

        m.review();
        m.apply();
        assertThat(m.resultProperty().get()).startsWith("Created the association");
        String arn = "arn:aws:iam::111122223333:role/teams/orders/orders-reporter";
        var created = sandbox.sandbox.awsWorld().role(arn).orElseThrow();
        assertThat(created.attachedPolicyArns()).containsExactly("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        assertThat(new TrustEvaluator().podIdentity(TrustPolicy.parse(TrustPolicy.decodeIamDocument(
                created.trustPolicy())), snapshot.cluster()).allowed()).isTrue();
        assertThat(sandbox.sandbox.awsWorld().podIdentityAssociation("acme-prod", "orders", "orders-reporter"))
                .hasValueSatisfying(a -> assertThat(a.roleArn()).isEqualTo(arn));

        var rollback = runner.rollback(activity.get(0).journalId(), e -> { }, null);
        assertThat(rollback.failed()).isEmpty();
        assertThat(sandbox.sandbox.awsWorld().hasPodIdentityAssociation("acme-prod", "orders", "orders-reporter"))
                .isFalse();
        assertThat(sandbox.sandbox.awsWorld().role(arn)).isEmpty();
    }

    private static String runnerTrust() {
        return TrustPolicy.decodeIamDocument(sandbox.sandbox.awsWorld().role(WORKER_ROLE).orElseThrow()
                .trustPolicy());
    }
}

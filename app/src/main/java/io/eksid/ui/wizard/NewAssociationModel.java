package io.eksid.ui.wizard;

import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.model.Addon;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.PlannedServiceAccount;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.StepAction;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.PolicySize;
import io.eksid.model.trust.RewriteResult;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.model.trust.TrustRewriter;
import io.eksid.ui.ActivityEntry;
import io.eksid.ui.TaskRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The new-association wizard's state: the fields with their messages, the roles of the cluster account with
 * whether each trusts Pod Identity, the exact API calls, a confirm step that freezes the plan and lists its calls,
 * and an Apply that runs exactly that plan through the engine's journaled executor (so the change is journaled,
 * idempotent and can be rolled back). Nothing is written before {@link #apply()} on the confirm step.
 */
public final class NewAssociationModel {

    /** Where the wizard is: editing the fields, confirming the listed calls, applying them, done. */
    public enum Phase { EDIT, CONFIRM, APPLYING, DONE }

    /** A role the association can use, and whether its trust policy already admits Pod Identity. */
    public record RoleOption(String arn, boolean trustsPodIdentity, String trustPolicy) {
    }

    private final ClusterSnapshot snapshot;
    private final TaskRunner tasks;
    private final PlanRunner runner;
    private final BooleanProperty readOnly;
    private final BooleanProperty applyRunning;
    private final Consumer<ActivityEntry> activity;
    private final Runnable afterApply;
    private final Clock clock;
    private final AssociationFieldRules rules;
    private final TrustEvaluator evaluator = new TrustEvaluator();
    private final TrustRewriter rewriter = new TrustRewriter();
    private final List<RoleOption> roles;

    private final StringProperty namespace = new SimpleStringProperty("");
    private final StringProperty serviceAccount = new SimpleStringProperty("");
    private final StringProperty roleArn = new SimpleStringProperty("");
    private final BooleanProperty addTrust = new SimpleBooleanProperty(true);
    private final StringProperty targetRoleArn = new SimpleStringProperty("");
    private final BooleanProperty disableSessionTags = new SimpleBooleanProperty(false);
    private final StringProperty sessionPolicy = new SimpleStringProperty("");

    private final ReadOnlyStringWrapper namespaceError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper serviceAccountError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper serviceAccountNote = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper roleError = new ReadOnlyStringWrapper();
    /** The role ARN field's own message: none while a new role is being created instead. */
    private final ReadOnlyStringWrapper existingRoleError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper trustDiff = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper targetRoleError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper sessionPolicyError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper apiCalls = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper applyDisabledReason = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.EDIT);
    /** Set by an attempt to continue: every field's message shows, touched or not. */
    private final ReadOnlyBooleanWrapper attempted = new ReadOnlyBooleanWrapper();
    /** The plan the confirm step shows, frozen, and its calls: Apply runs exactly this plan. */
    private final ReadOnlyObjectWrapper<AssociationCalls> confirmedCalls = new ReadOnlyObjectWrapper<>();
    private ConversionPlan confirmed;
    private final NewRoleFields newRole;
    private final ServiceAccountLabels labels;
    private final RestartOffer restart;

    public NewAssociationModel(ClusterSnapshot snapshot, TaskRunner tasks, PlanRunner runner, BooleanProperty readOnly,
                               BooleanProperty applyRunning, Consumer<ActivityEntry> activity, Runnable afterApply,
                               Clock clock) {
        this.snapshot = snapshot;
        this.tasks = tasks;
        this.runner = runner;
        this.readOnly = readOnly;
        this.applyRunning = applyRunning;
        this.activity = activity;
        this.afterApply = afterApply;
        this.clock = clock;
        this.rules = new AssociationFieldRules(snapshot);
        this.roles = snapshot.roles().values().stream()
                .filter(r -> r.arn().account().equals(snapshot.cluster().account()))
                .map(r -> new RoleOption(r.arn().toString(), trustsPodIdentity(r), r.trustPolicyJson()))
                .sorted(java.util.Comparator.comparing(RoleOption::arn)).toList();
        this.newRole = new NewRoleFields(snapshot);
        this.labels = new ServiceAccountLabels(snapshot);
        this.restart = new RestartOffer(snapshot, tasks, runner, readOnly, applyRunning, activity, afterApply, clock);
        for (Observable o : List.<Observable>of(namespace, serviceAccount, roleArn, addTrust, targetRoleArn,
                disableSessionTags, sessionPolicy, readOnly, applyRunning, phase, newRole.enabled,
                newRole.name, newRole.path, newRole.policies)) {
            o.addListener(x -> validate());
        }
        validate();
    }

    private boolean trustsPodIdentity(IamRole r) {
        try {
            return evaluator.podIdentity(TrustPolicy.parse(r.trustPolicyJson()), snapshot.cluster()).allowed();
        } catch (PolicyParseException | RuntimeException e) {
            return false;
        }
    }

    /** The roles of the cluster account the console has read, with their Pod Identity trust. */
    public List<RoleOption> roles() {
        return roles;
    }

    /** The service accounts of {@code ns} that exist in the cluster. */
    public List<String> serviceAccountsIn(String ns) {
        return snapshot.serviceAccounts().stream().filter(s -> s.namespace().equals(ns)).map(s -> s.name())
                .sorted().toList();
    }

    public List<String> namespaces() {
        return snapshot.namespaces().stream().map(n -> n.name()).sorted().toList();
    }

    private void validate() {
        String ns = namespace.get().strip();
        String sa = serviceAccount.get().strip();
        namespaceError.set(rules.namespace(ns));
        serviceAccountError.set(rules.serviceAccount(ns, sa));
        boolean saExists = snapshot.serviceAccounts().stream().anyMatch(s -> s.namespace().equals(ns)
                && s.name().equals(sa));
        // EKS accepts an association before its service account exists (FACTS.md; eksctl #7775).
        serviceAccountNote.set(serviceAccountError.get() != null || sa.isEmpty() ? null : !saExists
                ? "New service account: the association is created now and applies to pods once " + ns + "/" + sa
                + " exists (create it with kubectl or your manifests)" : labels.irsaNote(ns, sa));
        newRole.validate();
        roleError.set(newRole.enabled.get() ? newRole.nameErrorProperty().get() : rules.role(roleArn.get()));
        existingRoleError.set(newRole.enabled.get() ? null : roleError.get());
        targetRoleError.set(rules.targetRole(targetRoleArn.get()));
        sessionPolicyError.set(rules.sessionPolicy(sessionPolicy.get(), disableSessionTags.get()));
        trustDiff.set(roleError.get() == null && !newRole.enabled.get() ? trustRewrite().map(r -> UnifiedDiffText.of(r, roleArn.get()))
                .orElse(null) : null);
        apiCalls.set(plan().map(p -> AssociationCalls.of(p).text()).orElse(""));
        applyDisabledReason.set(disabledReason());
    }

    private Optional<RewriteResult> trustRewrite() {
        Optional<RoleOption> role = roles.stream().filter(r -> r.arn().equals(roleArn.get().strip())).findFirst();
        if (role.isEmpty() || role.get().trustsPodIdentity()) {
            return Optional.empty();
        }
        try {
            return Optional.of(rewriter.addPodIdentity(TrustPolicy.parse(role.get().trustPolicy()),
                    snapshot.cluster(), snapshot.trustPolicyQuota()));
        } catch (PolicyParseException e) {
            return Optional.empty();
        }
    }

    private String disabledReason() {
        if (readOnly.get()) {
            return "Read-only mode is on (Preferences): the console writes nothing.";
        }
        if (phase.get() == Phase.DONE) {
            return "Created; close the wizard.";
        }
        if (phase.get() == Phase.APPLYING) {
            return "Applying\u2026";
        }
        if (applyRunning.get()) {
            return "Another apply is running; wait for it to finish.";
        }
        for (ReadOnlyStringWrapper e : List.of(namespaceError, serviceAccountError, roleError, targetRoleError,
                sessionPolicyError)) {
            if (e.get() != null) {
                return "Fix the field marked in red: " + e.get();
            }
        }
        if (newRole.policiesErrorProperty().get() != null) {
            return "Fix the field marked in red: " + newRole.policiesErrorProperty().get();
        }
        if (newRole.enabled.get()) {
            return null; // a new role is created with the Pod Identity trust
        }
        if (!roles.stream().filter(r -> r.arn().equals(roleArn.get().strip())).findFirst()
                .map(RoleOption::trustsPodIdentity).orElse(true) && !addTrust.get()) {
            return "The role does not trust pods.eks.amazonaws.com: tick Add the Pod Identity trust, or pods "
                    + "will be refused credentials";
        }
        Optional<RewriteResult> rewrite = addTrust.get() ? trustRewrite() : Optional.empty();
        if (rewrite.isPresent() && !rewrite.get().fits()) {
            return "The trust policy would be " + rewrite.get().size().characters() + " characters, over the quota "
                    + "of " + snapshot.trustPolicyQuota();
        }
        return null;
    }

    /** The plan Apply runs, when the fields are valid. */
    public Optional<ConversionPlan> plan() {
        if (namespaceError.get() != null || serviceAccountError.get() != null || roleError.get() != null
                || targetRoleError.get() != null || sessionPolicyError.get() != null || !newRole.valid()) {
            return Optional.empty();
        }
        ServiceAccountRef ref = new ServiceAccountRef(namespace.get().strip(), serviceAccount.get().strip());
        RoleArn role = newRole.enabled.get() ? newRole.arn() : RoleArn.parse(roleArn.get().strip());
        String target = targetRoleArn.get().isBlank() ? null : targetRoleArn.get().strip();
        List<PlanStep> steps = new ArrayList<>();
        List<String> deps = new ArrayList<>();
        Optional<Addon> agent = snapshot.addon(Addon.POD_IDENTITY_AGENT);
        if (!snapshot.cluster().autoMode() && (agent.isEmpty() || !agent.get().active())) {
            steps.add(PlanStep.of("agent-addon", "Install the eks-pod-identity-agent add-on", List.of(), List.of(),
                    List.of("add-on eks-pod-identity-agent is ACTIVE"), new StepAction.EnsureAgentAddon(
                            snapshot.cluster().name(), Addon.POD_IDENTITY_AGENT, agent.isEmpty()
                            ? StepAction.AgentOperation.CREATE : StepAction.AgentOperation.UPDATE,
                            agent.map(Addon::status).orElse(null))));
            deps.add("agent-addon");
        }
        if (newRole.enabled.get()) {
            PlanStep create = newRole.step();
            steps.add(create);
            deps.add(create.id());
        }
        Optional<RewriteResult> rewrite = addTrust.get() && !newRole.enabled.get() ? trustRewrite() : Optional.empty();
        if (rewrite.isPresent() && rewrite.get().changed()) {
            RewriteResult r = rewrite.get();
            String id = "trust:" + role;
            steps.add(PlanStep.of(id, "Let EKS Pod Identity assume " + role.name(), List.of(), List.of(),
                    List.of("the trust policy allows pods.eks.amazonaws.com"), new StepAction.UpdateRoleTrust(
                            role.toString(), role.name(), role.path(), role.account(), r.before().toPrettyJson(),
                            r.after().toPrettyJson(), PolicySize.of(r.before(), snapshot.trustPolicyQuota())
                            .characters(), r.size().characters(), snapshot.trustPolicyQuota(), List.of(ref),
                            r.notes())));
            deps.add(id);
        }
        String assocId = "association:" + ref;
        steps.add(PlanStep.of(assocId, "Associate " + ref + " with " + role.name()
                        + (target == null ? "" : " (chaining to " + target + ")"), deps, List.of(),
                List.of("an association maps " + ref + " to " + role), new StepAction.CreateAssociation(
                        snapshot.cluster().name(), ref.namespace(), ref.name(), role.toString(), target, Map.of(),
                        disableSessionTags.get(), sessionPolicy.get().isBlank() ? null : sessionPolicy.get().strip())));
        List<String> ids = steps.stream().map(PlanStep::id).toList();
        String planId = ("assoc-" + ref.namespace() + "-" + ref.name()).replaceAll("[^a-zA-Z0-9-]", "-");
        return Optional.of(new ConversionPlan(planId, snapshot.cluster(), Selection.of(ref),
                ConversionOptions.defaults().withRestartWorkloads(false), steps, List.of(new PlannedServiceAccount(
                ref, role.toString(), role.toString(), target, null, ids)), List.of(), List.of(), List.of(),
                List.of("created with the new-association wizard")));
    }

    /**
     * Continue to the confirm step: every field's message shows; with none, the plan is frozen and its calls
     * listed. Nothing is written.
     */
    public void review() {
        attempted.set(true);
        Optional<ConversionPlan> p = plan();
        if (phase.get() != Phase.EDIT || applyDisabledReason.get() != null || p.isEmpty()) {
            return;
        }
        confirmed = p.get();
        confirmedCalls.set(AssociationCalls.of(confirmed));
        phase.set(Phase.CONFIRM);
    }

    /** From the confirm step back to the fields; nothing is written. */
    public void back() {
        if (phase.get() == Phase.CONFIRM) {
            phase.set(Phase.EDIT);
        }
    }

    /** Applies the confirmed plan, exactly as the confirm step listed it, through the engine's journal. */
    public void apply() {
        if (phase.get() != Phase.CONFIRM || readOnly.get() || applyRunning.get()) {
            return;
        }
        ConversionPlan p = confirmed;
        AssociationCalls calls = confirmedCalls.get();
        phase.set(Phase.APPLYING);
        applyRunning.set(true);
        result.set("Applying " + calls.count() + "\u2026");
        tasks.run(() -> runner.apply(p, e -> { }, new io.eksid.engine.convert.CancellationToken()), r -> {
            applyRunning.set(false);
            String id = JournalFiles.runId(r.journal());
            boolean ok = r.outcome() == ApplyResult.Outcome.COMPLETED;
            String text = ok ? "Created the association for " + p.selection().describe() + " \u00b7 "
                    + r.succeeded().size() + " steps, " + r.awsWrites() + " API calls \u00b7 journal " + id
                    : "Not created: " + r.failed().stream().map(f -> f.title() + ": " + f.detail())
                    .reduce((a, b) -> a + "; " + b).orElse(r.outcome().name()) + " \u00b7 journal " + id;
            result.set(text);
            phase.set(ok ? Phase.DONE : Phase.CONFIRM);
            activity.accept(new ActivityEntry(clock.instant(), ok ? ActivityEntry.Kind.CONVERSION
                    : ActivityEntry.Kind.ERROR, "New association for " + p.selection().describe()
                    + (ok ? "" : " failed"), text, id));
            if (ok) {
                p.actions(StepAction.CreateAssociation.class).forEach(a -> restart.offerFor(
                        new ServiceAccountRef(a.namespace(), a.serviceAccount()), a.roleArn()));
            }
            afterApply.run();
        }, e -> {
            applyRunning.set(false);
            phase.set(Phase.CONFIRM);
            result.set("Not created: " + e.getMessage());
            activity.accept(new ActivityEntry(clock.instant(), ActivityEntry.Kind.ERROR,
                    "New association failed: " + e.getMessage(), String.valueOf(e), null));
        });
    }

    /** The service-account list's text: name, "IRSA → role" or "Pod Identity → role", the one-association flag. */
    public String serviceAccountListText(String ns, String sa) {
        return labels.listText(ns, sa);
    }

    public boolean serviceAccountAssociated(String ns, String sa) {
        return labels.associated(ns, sa);
    }

    public RestartOffer restartOffer() { return restart; }
    public String clusterName() { return snapshot.cluster().name(); }
    public String clusterAccount() { return snapshot.cluster().account(); }
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty attemptedProperty() { return attempted.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<AssociationCalls> confirmedCallsProperty() {
        return confirmedCalls.getReadOnlyProperty();
    }
    public BooleanProperty createRoleProperty() { return newRole.enabled; }
    public StringProperty newRoleNameProperty() { return newRole.name; }
    public StringProperty newRolePathProperty() { return newRole.path; }
    public StringProperty managedPoliciesProperty() { return newRole.policies; }
    public ReadOnlyStringProperty managedPoliciesErrorProperty() { return newRole.policiesErrorProperty(); }
    public StringProperty namespaceProperty() { return namespace; }
    public StringProperty serviceAccountProperty() { return serviceAccount; }
    public StringProperty roleArnProperty() { return roleArn; }
    public BooleanProperty addTrustProperty() { return addTrust; }
    public StringProperty targetRoleArnProperty() { return targetRoleArn; }
    public BooleanProperty disableSessionTagsProperty() { return disableSessionTags; }
    public StringProperty sessionPolicyProperty() { return sessionPolicy; }
    public ReadOnlyStringProperty namespaceErrorProperty() { return namespaceError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty serviceAccountErrorProperty() { return serviceAccountError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty serviceAccountNoteProperty() { return serviceAccountNote.getReadOnlyProperty(); }
    public ReadOnlyStringProperty roleErrorProperty() { return roleError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty existingRoleErrorProperty() { return existingRoleError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty trustDiffProperty() { return trustDiff.getReadOnlyProperty(); }
    public ReadOnlyStringProperty targetRoleErrorProperty() { return targetRoleError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty sessionPolicyErrorProperty() { return sessionPolicyError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty apiCallsProperty() { return apiCalls.getReadOnlyProperty(); }
    public ReadOnlyStringProperty applyDisabledReasonProperty() { return applyDisabledReason.getReadOnlyProperty(); }
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    public BooleanBinding applyingProperty() { return phase.isEqualTo(Phase.APPLYING); }
}

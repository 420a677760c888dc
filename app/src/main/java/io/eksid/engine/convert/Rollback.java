package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.aws.IdentityWriter;
import io.eksid.engine.journal.Journal;
import io.eksid.engine.journal.JournalDamage;
import io.eksid.engine.journal.JournalEntry;
import io.eksid.engine.convert.RollbackRecords.StepRecord;
import io.eksid.model.time.Sleeper;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.model.trust.TrustRewriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Undoes a journaled run, newest change first: original trust documents restored (unless the role's trust differs
 * from what the run wrote: then ROLLBACK_CONFLICT with both documents, never an overwrite), only the associations
 * the run created deleted, annotations restored, add-on Pod Identity lists reverted, bridge roles removed, and
 * finally the restarted workloads restarted again so their pods return to IRSA. Journaled like apply
 * (ROLLBACK_INTENT, then ROLLED_BACK or ROLLBACK_CONFLICT); running it again continues where it stopped.
 *
 * <p>A damaged journal is rolled back as far as its valid lines prove ({@link RollbackRecords}); the rest is
 * reported, and the journal is only appended to. A role's Pod Identity statement is removed only when no live
 * association outside the run uses the role ({@link RoleUsage}). One rollback or apply per cluster at a time
 * ({@link ClusterLock}).
 */
public final class Rollback {

    private final ConversionGateways gateways;
    private final CallBudget calls;
    private final Clock clock;
    private final TrustRewriter rewriter = new TrustRewriter();
    private RoleUsage roleUsage;

    public Rollback(ConversionGateways gateways, ExecutorSettings settings, Clock clock, Sleeper sleeper) {
        this.gateways = Objects.requireNonNull(gateways, "gateways");
        this.calls = new CallBudget(settings, sleeper);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RollbackResult run(Path journalFile, Consumer<StepEvent> events, CancellationToken cancel) {
        ConversionPlan plan = PlanExecutor.planOf(journalFile);
        Consumer<StepEvent> ev = events == null ? e -> { } : events;
        CancellationToken token = cancel == null ? new CancellationToken() : cancel;
        List<ApplyResult.StepOutcome> undone = new ArrayList<>();
        List<ApplyResult.StepOutcome> conflicts = new ArrayList<>();
        List<ApplyResult.StepOutcome> failed = new ArrayList<>();
        List<ApplyResult.StepOutcome> kept = new ArrayList<>();
        List<JournalDamage> damage;
        try (ClusterLock lock = ClusterLock.acquire(journalFile.toAbsolutePath().getParent(), plan.cluster().name(),
                plan.cluster().arn(), JournalFiles.runId(journalFile), "rollback", clock);
             Journal journal = Journal.openDamaged(journalFile, RunJournal.JSON, clock)) {
            damage = journal.damage();
            Map<String, StepRecord> records = RollbackRecords.of(journal.entries(), damage);
            Set<String> ownAssociations = new TreeSet<>();
            records.values().forEach(r -> {
                if (r.changed() && r.done.hasNonNull("associationId")) {
                    ownAssociations.add(r.done.path("associationId").asText());
                }
            });
            Set<String> ownAddonServiceAccounts = new TreeSet<>();
            for (PlanStep s : plan.steps()) {
                StepRecord r = records.get(s.id());
                if (s.action() instanceof StepAction.UpdateAddonPodIdentity u && r != null && r.changed()) {
                    u.convertedServiceAccounts().forEach(sa -> ownAddonServiceAccounts.add(sa.toString()));
                }
            }
            roleUsage = new RoleUsage(gateways.cluster(), calls, ownAssociations, plan.cluster().name(),
                    ownAddonServiceAccounts);
            List<Map.Entry<String, StepRecord>> order = new ArrayList<>(records.entrySet());
            order.sort(Comparator.comparingLong((Map.Entry<String, StepRecord> e) -> e.getValue().doneSeq).reversed());
            List<PlanStep> restarts = new ArrayList<>();
            for (Map.Entry<String, StepRecord> e : order) {
                PlanStep step = plan.step(e.getKey()).orElse(null);
                StepRecord r = e.getValue();
                if (step == null || r.rolledBack) {
                    continue;
                }
                if (r.unprovable != null) {
                    String why = "not rolled back, the journal cannot prove what to restore: " + r.unprovable
                            + ". Whatever this step changed is left as it is; check " + step.title() + " by hand";
                    failed.add(new ApplyResult.StepOutcome(step.id(), step.kind(), step.title(), why, false, false));
                    ev.accept(new StepEvent(StepEvent.Type.FAILED, step.id(), step.kind(), step.title(), why));
                    continue;
                }
                if (r.original == null) {
                    continue;
                }
                if (token.cancelled()) {
                    break;
                }
                if (step.action() instanceof StepAction.RestartWorkload) {
                    restarts.add(step);
                    continue;
                }
                undo(plan, step, r, journal, ev, undone, conflicts, failed, kept);
            }
            for (PlanStep step : restarts) {
                if (!token.cancelled()) {
                    undo(plan, step, records.get(step.id()), journal, ev, undone, conflicts, failed, kept);
                }
            }
        }
        return new RollbackResult(plan.id(), journalFile, undone, conflicts, failed, kept,
                damage.stream().map(JournalDamage::describe).toList());
    }

    private void undo(ConversionPlan plan, PlanStep step, StepRecord r, Journal journal, Consumer<StepEvent> ev,
                      List<ApplyResult.StepOutcome> undone, List<ApplyResult.StepOutcome> conflicts,
                      List<ApplyResult.StepOutcome> failed, List<ApplyResult.StepOutcome> kept) {
        ev.accept(new StepEvent(StepEvent.Type.STARTED, step.id(), step.kind(), "Undo: " + step.title(), ""));
        try {
            Undo u = undoStep(plan, step, r, journal);
            ApplyResult.StepOutcome o = new ApplyResult.StepOutcome(step.id(), step.kind(), step.title(), u.detail,
                    u.changed, u.kind == UndoKind.CONFLICT);
            switch (u.kind) {
                case DONE -> {
                    journal.append(JournalEntry.Kind.ROLLED_BACK, step.id(), u.data.put("detail", u.detail));
                    undone.add(o);
                    ev.accept(new StepEvent(StepEvent.Type.DONE, step.id(), step.kind(), step.title(), u.detail));
                }
                case KEPT -> {
                    journal.append(JournalEntry.Kind.ROLLED_BACK, step.id(), u.data.put("kept", true)
                            .put("detail", u.detail));
                    kept.add(o);
                    ev.accept(new StepEvent(StepEvent.Type.SKIPPED, step.id(), step.kind(), step.title(), u.detail));
                }
                case CONFLICT -> {
                    journal.append(JournalEntry.Kind.ROLLBACK_CONFLICT, step.id(), u.data.put("detail", u.detail));
                    conflicts.add(o);
                    ev.accept(new StepEvent(StepEvent.Type.FAILED, step.id(), step.kind(), step.title(), u.detail));
                }
            }
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            journal.append(JournalEntry.Kind.ROLLBACK_CONFLICT, step.id(), RunJournal.object().put("failed", true)
                    .put("detail", reason));
            failed.add(new ApplyResult.StepOutcome(step.id(), step.kind(), step.title(), reason, false, false));
            ev.accept(new StepEvent(StepEvent.Type.FAILED, step.id(), step.kind(), step.title(), reason));
        }
    }

    private enum UndoKind { DONE, KEPT, CONFLICT }

    private record Undo(UndoKind kind, boolean changed, String detail, ObjectNode data) {
        static Undo done(boolean changed, String detail) {
            return new Undo(UndoKind.DONE, changed, detail, RunJournal.object());
        }
    }

    private Undo undoStep(ConversionPlan plan, PlanStep step, StepRecord r, Journal journal) {
        StepAction a = step.action();
        if (a instanceof StepAction.UpdateRoleTrust || a instanceof StepAction.UpdateTargetRoleTrust
                || a instanceof StepAction.RemoveOidcTrust) {
            return restoreTrust(plan, step, r, journal);
        }
        if (a instanceof StepAction.CreateAssociation c) {
            return deleteAssociation(plan, step, c, r, journal);
        }
        if (a instanceof StepAction.UpdateAddonPodIdentity u) {
            return revertAddon(step, u, r, journal);
        }
        if (a instanceof StepAction.CreateBridgeRole b) {
            return removeBridge(step, b, r, journal);
        }
        if (a instanceof StepAction.CreateRole c) {
            return removeRole(step, c, r, journal);
        }
        if (a instanceof StepAction.RemoveIrsaAnnotation x) {
            return restoreAnnotation(step, x, r, journal);
        }
        if (a instanceof StepAction.RestartWorkload w) {
            WorkloadRef ref = new WorkloadRef(w.workloadKind(), w.workloadName());
            journal.append(JournalEntry.Kind.ROLLBACK_INTENT, step.id(), RunJournal.object()
                    .put("restart", ref.toString()));
            calls.kubeWrite(() -> {
                gateways.templates().restart(w.namespace(), ref, clock.instant());
                return null;
            });
            return Undo.done(true, "restarted " + ref + " in " + w.namespace() + " again, so its new pods get the "
                    + "credentials the service account has now");
        }
        if (a instanceof StepAction.EnsureAgentAddon) {
            return new Undo(UndoKind.KEPT, false, "the eks-pod-identity-agent add-on is kept: other Pod Identity "
                    + "associations may rely on it, and it changes nothing for IRSA pods", RunJournal.object());
        }
        return Undo.done(false, "nothing to undo");
    }

    private Undo restoreTrust(ConversionPlan plan, PlanStep step, StepRecord r, Journal journal) {
        String roleArn = r.original.path("roleArn").asText();
        String roleName = r.original.path("roleName").asText();
        RoleArn role = RoleArn.parse(roleArn);
        IdentityWriter iam = gateways.iamOrFail(role.account());
        TrustPolicy original = IamSteps.parse(roleArn, r.original.path("original").asText());
        if (r.done != null && r.done.hasNonNull("outsideStatements")) {
            // Statements someone else added while the step ran were merged into what it wrote: they stay.
            List<io.eksid.model.trust.Statement> keep = new ArrayList<>(original.statements());
            IamSteps.parse(roleArn, r.done.path("outsideStatements").asText()).statements().stream()
                    .filter(st -> !keep.contains(st)).forEach(keep::add);
            original = original.withStatements(keep);
        }
        String originalJson = original.toJson();
        IdentityWriter.RoleTrust now = calls.iamRead(() -> iam.getRole(roleName))
                .orElseThrow(() -> new StepFailure("role " + roleArn + " no longer exists"));
        TrustPolicy current = IamSteps.parse(roleArn, now.trustPolicyJson());
        if (current.equals(original)) {
            return Undo.done(false, "the trust policy of " + roleArn + " already is the original");
        }
        String writtenJson = r.done == null ? null : r.done.path("policy").asText(null);
        // Without a DONE (the run stopped between its write and the record of it), what this step would have
        // written is recomputed from the journaled original: provably ours only if the role holds exactly that.
        TrustPolicy written = writtenJson != null ? IamSteps.parse(roleArn, writtenJson)
                : wouldHaveWritten(plan, step, original);
        if (written == null || !current.equals(written)) {
            ObjectNode data = RunJournal.object().put("roleArn", roleArn).put("current", current.toJson())
                    .put("original", original.toJson());
            data.put("written", written == null ? null : written.toJson());
            return new Undo(UndoKind.CONFLICT, false, "the trust policy of " + roleArn + " was changed after this "
                    + "run " + (writtenJson == null ? "last read it (the journal has no record of the write's "
                    + "result, and the policy is not what this step would have written)" : "wrote it")
                    + "; not overwritten. Current: " + current.toJson() + " Original: " + original.toJson(), data);
        }
        if (step.action() instanceof StepAction.UpdateRoleTrust) {
            RoleUsage.Users users = roleUsage.usersOf(roleArn);
            if (!users.users().isEmpty() || !users.complete()) {
                ObjectNode data = RunJournal.object().put("roleArn", roleArn).put("checked", users.checked());
                users.users().forEach(data.putArray("usedBy")::add);
                return new Undo(UndoKind.KEPT, false, "the Pod Identity statement of " + roleArn + " is kept: "
                        + (users.users().isEmpty() ? "not every cluster could be checked for associations that use "
                        + "it" : "association(s) outside this run use it: " + String.join(", ", users.users()))
                        + " (checked " + users.checked() + ")", data);
            }
        }
        journal.append(JournalEntry.Kind.ROLLBACK_INTENT, step.id(), RunJournal.object().put("roleArn", roleArn)
                .put("current", current.toJson()));
        calls.iamWrite(() -> iam.updateAssumeRolePolicy(roleName, originalJson));
        String checked = step.action() instanceof StepAction.UpdateRoleTrust
                ? " (no association outside this run uses it; checked " + roleUsage.usersOf(roleArn).checked() + ")"
                : "";
        return Undo.done(true, "restored the original trust policy of " + roleArn + checked);
    }

    /** The document this trust step writes when it starts from {@code original}, or null if not recomputable. */
    private TrustPolicy wouldHaveWritten(ConversionPlan plan, PlanStep step, TrustPolicy original) {
        if (step.action() instanceof StepAction.UpdateRoleTrust a) {
            var r = rewriter.addPodIdentity(original, plan.cluster(), a.quota());
            return r.changed() ? r.after() : null;
        }
        if (step.action() instanceof StepAction.RemoveOidcTrust a) {
            TrustPolicy out = original;
            for (ServiceAccountRef sa : a.serviceAccounts()) {
                out = rewriter.removeIrsaSubject(out, plan.cluster(), sa, a.quota()).after();
            }
            return out;
        }
        return null;
    }

    private Undo deleteAssociation(ConversionPlan plan, PlanStep step, StepAction.CreateAssociation c, StepRecord r,
                                   Journal journal) {
        IdentityWriter eks = gateways.cluster();
        Optional<PodIdentityAssociation> found;
        if (r.done != null && !r.changed()) {
            return new Undo(UndoKind.KEPT, false, "the association of " + c.namespace() + "/" + c.serviceAccount()
                    + " existed before this run, which did not create it; kept", RunJournal.object());
        }
        if (r.done != null) {
            String id = r.done.path("associationId").asText();
            found = calls.eksRead(() -> eks.describeAssociation(c.clusterName(), id));
        } else {
            // The run stopped between the create and its DONE: ours only if created after the intent.
            found = calls.eksRead(() -> eks.findAssociation(c.clusterName(), c.namespace(), c.serviceAccount()))
                    .filter(x -> x.createdAt() == null || !x.createdAt().isBefore(r.intentAt.minusSeconds(1)));
        }
        if (found.isEmpty()) {
            return Undo.done(false, "the association of " + c.namespace() + "/" + c.serviceAccount()
                    + " this run created is already gone");
        }
        PodIdentityAssociation x = found.get();
        if (!c.roleArn().equals(x.roleArn()) || !Objects.equals(blank(c.targetRoleArn()), blank(x.targetRoleArn()))) {
            ObjectNode data = RunJournal.object().put("associationId", x.associationId())
                    .put("currentRoleArn", x.roleArn()).put("writtenRoleArn", c.roleArn());
            return new Undo(UndoKind.CONFLICT, false, "association " + x.associationId() + " now names "
                    + x.roleArn() + ", not " + c.roleArn() + " as this run created it; not deleted", data);
        }
        journal.append(JournalEntry.Kind.ROLLBACK_INTENT, step.id(), RunJournal.object()
                .put("associationId", x.associationId()));
        calls.eksWrite(() -> eks.deleteAssociation(c.clusterName(), x.associationId()));
        return Undo.done(true, "deleted association " + x.associationId() + " of " + c.namespace() + "/"
                + c.serviceAccount());
    }

    private Undo revertAddon(PlanStep step, StepAction.UpdateAddonPodIdentity u, StepRecord r, Journal journal) {
        IdentityWriter eks = gateways.cluster();
        Map<String, String> original = pairs(r.original.path("podIdentityAssociations").path("pairs"));
        var addon = calls.eksRead(() -> eks.describeAddon(u.clusterName(), u.addonName()))
                .orElseThrow(() -> new StepFailure("add-on " + u.addonName() + " is no longer installed"));
        Map<String, String> current = calls.eksRead(() -> eks.addonPodIdentity(u.clusterName(), addon));
        if (current.equals(original)) {
            return Undo.done(false, "add-on " + u.addonName() + " already has its original Pod Identity list");
        }
        Map<String, String> written = r.done == null ? null : pairs(r.done.path("pairs"));
        if (written == null || !written.equals(current)) {
            return new Undo(UndoKind.CONFLICT, false, "add-on " + u.addonName() + " Pod Identity list changed "
                    + "after this run set it: now " + current + ", written " + written + ", original " + original
                    + "; not overwritten", RunJournal.object());
        }
        journal.append(JournalEntry.Kind.ROLLBACK_INTENT, step.id(), RunJournal.object()
                .put("addonName", u.addonName()));
        calls.eksWrite(() -> eks.updateAddonPodIdentity(u.clusterName(), u.addonName(), original));
        return Undo.done(true, "restored the Pod Identity list of add-on " + u.addonName() + " to " + original);
    }

    private Undo removeBridge(PlanStep step, StepAction.CreateBridgeRole b, StepRecord r, Journal journal) {
        IdentityWriter iam = gateways.iamOrFail(b.account());
        if (r.original.path("existed").asBoolean(false)) {
            JsonNode before = r.original.path("originalPolicy");
            journal.append(JournalEntry.Kind.ROLLBACK_INTENT, step.id(), RunJournal.object().put("roleArn",
                    b.roleArn()));
            if (before.isMissingNode() || before.isNull()) {
                calls.iamWrite(() -> iam.deleteRolePolicy(b.roleName(), b.permissionPolicyName()));
            } else {
                calls.iamWrite(() -> iam.putRolePolicy(b.roleName(), b.permissionPolicyName(), before.asText()));
            }
            return Undo.done(true, "restored the inline policy of existing role " + b.roleName());
        }
        if (calls.iamRead(() -> iam.getRole(b.roleName())).isEmpty()) {
            return Undo.done(false, "bridge role " + b.roleName() + " is already gone");
        }
        journal.append(JournalEntry.Kind.ROLLBACK_INTENT, step.id(), RunJournal.object().put("roleArn", b.roleArn()));
        if (calls.iamRead(() -> iam.getRolePolicy(b.roleName(), b.permissionPolicyName())).isPresent()) {
            calls.iamWrite(() -> iam.deleteRolePolicy(b.roleName(), b.permissionPolicyName()));
        }
        calls.iamWrite(() -> iam.deleteRole(b.roleName()));
        return Undo.done(true, "deleted bridge role " + b.roleArn());
    }

    /** Detaches what the run attached; deletes the role only if the run created it. */
    private Undo removeRole(PlanStep step, StepAction.CreateRole c, StepRecord r, Journal journal) {
        IdentityWriter iam = gateways.iamOrFail(c.account());
        if (calls.iamRead(() -> iam.getRole(c.roleName())).isEmpty()) {
            return Undo.done(false, "role " + c.roleName() + " is already gone");
        }
        boolean existed = r.original.path("existed").asBoolean(false);
        List<String> before = new java.util.ArrayList<>();
        r.original.path("attachedBefore").forEach(n -> before.add(n.asText()));
        journal.append(JournalEntry.Kind.ROLLBACK_INTENT, step.id(), RunJournal.object().put("roleArn",
                c.roleArn()));
        for (String policy : calls.iamRead(() -> iam.attachedPolicies(c.roleName()))) {
            if (c.managedPolicyArns().contains(policy) && !before.contains(policy) || !existed) {
                calls.iamWrite(() -> {
                    iam.detachRolePolicy(c.roleName(), policy);
                    return null;
                });
            }
        }
        if (existed) {
            return Undo.done(true, "detached the policies the run attached to existing role " + c.roleName());
        }
        calls.iamWrite(() -> {
            iam.deleteRole(c.roleName());
            return null;
        });
        return Undo.done(true, "deleted role " + c.roleArn());
    }

    private Undo restoreAnnotation(PlanStep step, StepAction.RemoveIrsaAnnotation x, StepRecord r, Journal journal) {
        ServiceAccountRef sa = new ServiceAccountRef(x.namespace(), x.serviceAccount());
        String value = r.original.path("value").asText();
        String now = calls.kubeRead(() -> gateways.kube().serviceAccountAnnotations(sa)).get(x.annotation());
        if (value.equals(now)) {
            return Undo.done(false, sa + " already carries " + x.annotation() + "=" + value);
        }
        if (now != null) {
            return new Undo(UndoKind.CONFLICT, false, sa + " was annotated " + x.annotation() + "=" + now
                    + " after this run removed " + value + "; not overwritten", RunJournal.object().put("current", now)
                    .put("original", value));
        }
        journal.append(JournalEntry.Kind.ROLLBACK_INTENT, step.id(), RunJournal.object().put("serviceAccount",
                sa.toString()));
        calls.kubeWrite(() -> gateways.kube().annotateServiceAccount(sa, x.annotation(), value));
        return Undo.done(true, "restored " + x.annotation() + "=" + value + " on " + sa);
    }

    private static Map<String, String> pairs(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package io.eksid.model.plan;

import io.eksid.model.Addon;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The steps after IAM: the agent add-on, the associations (by hand or through the owning add-on), rollout
 * restarts, verification, and the opt-in clean-up that only ever runs after verification (DESIGN §2, 1 and 3-5).
 */
final class FollowUpSteps {

    static final String AGENT_STEP = "agent-addon";

    private final PlanDraft draft;
    private final AddonServiceAccounts addons;
    private final CleanUpSteps cleanUp;

    FollowUpSteps(PlanDraft draft, TrustEvaluator evaluator, TrustRewriter rewriter) {
        this.draft = draft;
        this.addons = new AddonServiceAccounts(draft.snapshot);
        this.cleanUp = new CleanUpSteps(draft, evaluator, rewriter);
    }

    void plan() {
        List<Conversion> active = draft.active();
        if (active.isEmpty()) {
            return;
        }
        ensureAgent();
        Map<String, List<Conversion>> byAddon = new TreeMap<>();
        for (Conversion c : active) {
            if (c.associationDone) {
                continue;
            }
            if (c.addonName != null) {
                byAddon.computeIfAbsent(c.addonName, k -> new ArrayList<>()).add(c);
            } else {
                createAssociation(c);
            }
        }
        byAddon.forEach(this::updateAddon);
        for (Conversion c : active) {
            restart(c);
        }
        for (Conversion c : active) {
            if (!c.stepIds.isEmpty() || cleanUp.wanted(c)) {
                verify(c);
            } else {
                draft.alreadyDone.add(new AlreadyDone(c.ref(), c.annotation, "association "
                        + CandidateResolver.describe(c.existing) + " exists and its role's trust allows Pod "
                        + "Identity" + (draft.options.restartWorkloads() ? "; no running pod is left on IRSA "
                        + "credentials" : "")));
            }
        }
        cleanUp.plan(active);
    }

    /** DESIGN §2 step 1: the agent must run, unless Auto Mode has it built in (FACTS.md, runtime). */
    private void ensureAgent() {
        if (draft.cluster.autoMode()) {
            return;
        }
        Optional<Addon> agent = draft.snapshot.addon(Addon.POD_IDENTITY_AGENT);
        if (agent.isPresent() && agent.get().active()) {
            if (Boolean.FALSE.equals(draft.snapshot.agentDaemonSetReady())) {
                draft.notes.add("The eks-pod-identity-agent add-on is ACTIVE but its DaemonSet has no ready pods: "
                        + "new pods will not get credentials until it has.");
            }
            return;
        }
        String status = agent.map(Addon::status).orElse(null);
        StepAction.AgentOperation op;
        String title;
        if (agent.isEmpty()) {
            op = StepAction.AgentOperation.CREATE;
            title = "Install the eks-pod-identity-agent add-on";
        } else if ("CREATING".equals(status) || "UPDATING".equals(status)) {
            op = StepAction.AgentOperation.WAIT_UNTIL_ACTIVE;
            title = "Wait until the eks-pod-identity-agent add-on is ACTIVE (now " + status + ")";
        } else if ("DELETING".equals(status)) {
            op = StepAction.AgentOperation.RECREATE_AFTER_DELETE;
            title = "Wait for the eks-pod-identity-agent add-on's deletion to finish, then install it again";
        } else {
            op = StepAction.AgentOperation.UPDATE;
            title = "Repair the eks-pod-identity-agent add-on (now " + status + ") with UpdateAddon";
        }
        draft.add(PlanStep.of(AGENT_STEP, title, List.of(),
                List.of("the cluster " + draft.cluster.name() + " is not in EKS Auto Mode"),
                List.of("add-on eks-pod-identity-agent is ACTIVE", "its DaemonSet has ready pods on the nodes"),
                new StepAction.EnsureAgentAddon(draft.cluster.name(), Addon.POD_IDENTITY_AGENT, op, status)));
    }

    private void createAssociation(Conversion c) {
        ServiceAccountRef ref = c.ref();
        String id = "association:" + ref;
        String target = c.targetRole == null ? null : c.targetRole.toString();
        List<String> expected = new ArrayList<>();
        expected.add("DescribePodIdentityAssociation shows " + ref + " -> " + c.associationRole
                + (target == null ? "" : " -> " + target));
        draft.add(PlanStep.of(id, "Associate " + ref + " with " + c.associationRole.name()
                        + (target == null ? "" : " (chaining to " + target + ")"),
                c.prerequisites,
                List.of("no association exists for " + ref + " (an identical one counts as done)",
                        "the caller may iam:PassRole " + c.associationRole),
                expected,
                new StepAction.CreateAssociation(draft.cluster.name(), ref.namespace(), ref.name(),
                        c.associationRole.toString(), target, Map.of(ConversionPlanner.CONVERTED_FROM_TAG, "irsa"))));
        c.addStep(id);
    }

    /** UpdateAddon replaces the add-on's whole list, so the associations it owns already are kept in it. */
    private void updateAddon(String addonName, List<Conversion> group) {
        Addon addon = draft.snapshot.addon(addonName).orElseThrow();
        Map<String, String> pairs = new TreeMap<>();
        for (PodIdentityAssociation owned : addons.ownedBy(addon)) {
            if (owned.roleArn() != null) {
                pairs.put(owned.serviceAccount(), owned.roleArn());
            }
        }
        List<String> dependsOn = new ArrayList<>();
        for (Conversion c : group) {
            pairs.put(c.serviceAccount.name(), c.associationRole.toString());
            c.prerequisites.stream().filter(p -> !dependsOn.contains(p)).forEach(dependsOn::add);
        }
        List<StepAction.AddonPodIdentity> list = pairs.entrySet().stream()
                .map(e -> new StepAction.AddonPodIdentity(e.getKey(), e.getValue())).toList();
        List<ServiceAccountRef> refs = group.stream().map(Conversion::ref).toList();
        String id = "addon-pod-identity:" + addonName;
        draft.add(PlanStep.of(id, "Give add-on " + addonName + " Pod Identity for " + refs.stream()
                        .map(ServiceAccountRef::toString).reduce((a, b) -> a + ", " + b).orElse(""),
                dependsOn,
                List.of("add-on " + addonName + " is installed and not being deleted",
                        "the associations it owns are still the ones listed here"),
                List.of("add-on " + addonName + " owns associations for " + String.join(", ", pairs.keySet()),
                        "it is ACTIVE again after the update"),
                new StepAction.UpdateAddonPodIdentity(draft.cluster.name(), addonName, list, refs)));
        group.forEach(c -> c.addStep(id));
    }

    /** Only new pods get the Pod Identity variables (FACTS.md, runtime): restart what runs as the SA. */
    private void restart(Conversion c) {
        ServiceAccountRef ref = c.ref();
        Map<WorkloadRef, Boolean> restartable = new LinkedHashMap<>();
        for (WorkloadInfo w : draft.snapshot.workloads()) {
            if (w.serviceAccountRef().equals(ref) && w.ref().restartable()) {
                restartable.putIfAbsent(w.ref(), false);
            }
        }
        TreeSet<String> recreateOnly = new TreeSet<>();
        for (PodInfo p : draft.snapshot.pods()) {
            if (!p.serviceAccountRef().equals(ref)) {
                continue;
            }
            boolean stale = !p.credentials().podIdentity();
            if (p.owner() != null && p.owner().restartable()) {
                restartable.merge(p.owner(), stale, Boolean::logicalOr);
            } else if (stale) {
                recreateOnly.add(p.owner() == null ? "bare pod " + p.name() : p.owner() + " (pod " + p.name() + ")");
            }
            if (p.hostNetwork()) {
                draft.notes.add("Pod " + p.namespace() + "/" + p.name() + " of " + ref + " uses the host "
                        + "network; Pod Identity there is not documented to work: check it after the conversion.");
            }
        }
        boolean newAssociation = !c.associationDone;
        if (!recreateOnly.isEmpty()) {
            draft.notes.add("In " + ref.namespace() + ", " + String.join(", ", recreateOnly) + " of " + ref
                    + " cannot be restarted: it picks up Pod Identity only when it is recreated.");
        }
        if (!draft.options.restartWorkloads()) {
            if (!restartable.isEmpty() && (newAssociation || restartable.containsValue(true))) {
                draft.notes.add("Restarts are off: running pods of " + ref + " keep their IRSA credentials until "
                        + "they are replaced; verification checks only the association and the trust.");
            }
            return;
        }
        List<String> dependsOn = new ArrayList<>(c.stepIds);
        if (draft.has(AGENT_STEP)) {
            dependsOn.add(AGENT_STEP);
        }
        new TreeMap<String, WorkloadRef>(restartableByName(restartable, newAssociation)).values().forEach(w -> {
            String id = "restart:" + ref.namespace() + "/" + w.kind() + "/" + w.name();
            draft.add(PlanStep.of(id, "Restart " + w + " in " + ref.namespace(), dependsOn,
                    List.of(w + " exists in " + ref.namespace() + " and still runs as " + ref),
                    List.of("the rollout of " + w + " completes", "its new pods carry "
                            + "AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
                    new StepAction.RestartWorkload(ref.namespace(), w.kind(), w.name(), ref)));
            c.addStep(id);
        });
    }

    private static Map<String, WorkloadRef> restartableByName(Map<WorkloadRef, Boolean> workloads, boolean all) {
        Map<String, WorkloadRef> out = new TreeMap<>();
        workloads.forEach((w, stale) -> {
            if (all || stale) {
                out.put(w.toString(), w);
            }
        });
        return out;
    }

    private void verify(Conversion c) {
        ServiceAccountRef ref = c.ref();
        String id = "verify:" + ref;
        List<String> restarted = c.stepIds.stream().filter(s -> s.startsWith("restart:"))
                .map(s -> s.substring(s.indexOf('/') + 1)).toList();
        List<String> expected = new ArrayList<>();
        expected.add("the association of " + ref + " describes back as " + c.associationRole
                + (c.targetRole == null ? "" : " -> " + c.targetRole));
        expected.add("a fresh GetRole of " + c.associationRole + " evaluates to Pod Identity allowed");
        if (c.targetRole != null) {
            expected.add("the trust of " + c.targetRole + " lets " + c.associationRole + " chain with session tags");
        }
        if (!restarted.isEmpty()) {
            expected.add("new pods of " + String.join(", ", restarted) + " carry the Pod Identity variables");
        }
        draft.add(PlanStep.of(id, "Verify " + ref, new ArrayList<>(c.stepIds),
                List.of("the steps before it succeeded"), expected,
                new StepAction.Verify(ref, c.associationRole.toString(),
                        c.targetRole == null ? null : c.targetRole.toString(), c.addonName, restarted)));
        c.addStep(id);
    }
}

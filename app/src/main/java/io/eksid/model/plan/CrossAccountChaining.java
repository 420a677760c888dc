package io.eksid.model.plan;

import io.eksid.model.IamRole;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.PolicySize;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Cross-account IRSA roles: the association's role must be in the cluster's account and chains to the original
 * role with {@code targetRoleArn} (FACTS.md, Pod Identity runtime; eksctl issue #8425). Per target role: find or
 * create the bridge role, and make the target trust it, directly through a writable profile or by asking the
 * target account's owner ({@link ExternalRequest}).
 */
final class CrossAccountChaining {

    private final PlanDraft draft;
    private final TrustEvaluator evaluator;

    CrossAccountChaining(PlanDraft draft, TrustEvaluator evaluator) {
        this.draft = draft;
        this.evaluator = evaluator;
    }

    void plan() {
        if (draft.options.crossAccount() != ConversionOptions.CrossAccountMode.CHAIN_TARGET_ROLE) {
            return;
        }
        Map<String, List<Conversion>> byTarget = new TreeMap<>();
        for (Conversion c : draft.active()) {
            if (c.crossAccount(draft.cluster.account())) {
                c.targetRole = c.irsaRole;
                byTarget.computeIfAbsent(c.irsaRole.toString(), k -> new ArrayList<>()).add(c);
            }
        }
        byTarget.forEach((target, group) -> planTarget(group.get(0).irsaRole, group));
    }

    private void planTarget(RoleArn target, List<Conversion> group) {
        String targetArn = target.toString();
        Optional<TrustPolicy> targetTrust;
        try {
            targetTrust = draft.trust(targetArn);
        } catch (PolicyParseException e) {
            group.forEach(c -> draft.skip(c, SkipReason.TRUST_POLICY_INVALID, "the trust policy of target role "
                    + targetArn + " does not parse (" + e.getMessage() + ")"));
            return;
        }
        RoleArn bridge = chooseBridge(target, group, targetTrust);
        boolean createBridge = draft.snapshot.role(bridge.toString()).isEmpty()
                && group.stream().noneMatch(c -> c.associationDone);
        boolean trusted = targetTrust.map(p -> evaluator.sourceRoleWithSessionTags(p, bridge).allowed())
                .orElse(false) || draft.options.confirmedTargetTrust().contains(targetArn);
        if (!trusted && targetTrust.isEmpty() && group.stream().anyMatch(c -> c.associationDone)) {
            // An association already chains to it: re-planning must not undo a finished conversion just because
            // the target cannot be read from here.
            trusted = true;
            draft.notes.add("Target role " + targetArn + " cannot be read from here, so it is not checked that it "
                    + "still trusts " + bridge + "; the existing association already chains to it.");
        }
        List<ServiceAccountRef> refs = group.stream().map(Conversion::ref).toList();
        String targetStepId = null;
        if (!trusted) {
            if (!draft.options.canWrite(target.account(), draft.cluster.account())) {
                askOwner(target, bridge, group, refs, targetTrust.isPresent());
                return;
            }
            if (targetTrust.isEmpty()) {
                group.forEach(c -> draft.skip(c, draft.unreadableReason(targetArn), "target "
                        + draft.unreadableDetail(targetArn) + "; its trust must be extended to the bridge role "
                        + bridge + " before the association is created"));
                return;
            }
            TrustPolicy before = targetTrust.get();
            TrustPolicy after = BridgeRoles.withStatement(before, BridgeRoles.targetTrustStatement(bridge));
            PolicySize sizeBefore = PolicySize.of(before, draft.quota);
            PolicySize sizeAfter = PolicySize.of(after, draft.quota);
            if (!sizeAfter.fits()) {
                group.forEach(c -> draft.skip(c, SkipReason.TRUST_POLICY_QUOTA, "letting bridge role " + bridge
                        + " assume target role " + targetArn + " makes its trust policy " + sizeAfter.describe()
                        + " (now " + String.format("%,d", sizeBefore.characters()) + "); raise the target "
                        + "account's \"Role trust policy length\" quota or remove unused statements"));
                return;
            }
            targetStepId = "target-trust:" + targetArn;
            draft.plannedTrust.put(targetArn, after);
            draft.add(PlanStep.of(targetStepId, "Let " + bridge.name() + " assume " + targetArn,
                    createBridge ? List.of("bridge:" + bridge) : List.of(),
                    List.of("the trust policy of " + targetArn + " still equals the before-document"),
                    List.of("the trust policy of " + targetArn + " allows " + bridge
                            + " sts:AssumeRole and sts:TagSession"),
                    new StepAction.UpdateTargetRoleTrust(targetArn, target.name(), target.account(),
                            bridge.toString(), before.toPrettyJson(), after.toPrettyJson(), sizeBefore.characters(),
                            sizeAfter.characters(), draft.quota, refs)));
        }
        if (createBridge) {
            addBridgeStep(bridge, target);
        }
        for (Conversion c : group) {
            if (!c.associationDone) {
                c.associationRole = bridge;
                if (createBridge) {
                    c.addPrerequisite("bridge:" + bridge);
                }
            }
            if (targetStepId != null) {
                c.addPrerequisite(targetStepId);
            }
        }
    }

    /**
     * The bridge: the role an existing association of this target already uses, else the deterministic
     * {@code /eksid/} bridge, else (when the target is readable) any role of the cluster's account that already
     * trusts Pod Identity and that the target already lets chain with session tags.
     */
    private RoleArn chooseBridge(RoleArn target, List<Conversion> group, Optional<TrustPolicy> targetTrust) {
        for (Conversion c : group) {
            if (c.associationDone) {
                return c.associationRole;
            }
        }
        RoleArn derived = BridgeRoles.bridgeFor(target, draft.cluster);
        if (draft.snapshot.role(derived.toString()).isPresent() || targetTrust.isEmpty()) {
            return derived;
        }
        return new TreeMap<>(draft.snapshot.roles()).values().stream()
                .map(IamRole::arn)
                .filter(r -> r.account().equals(draft.cluster.account()))
                .filter(r -> evaluator.sourceRoleWithSessionTags(targetTrust.get(), r).allowed())
                .filter(r -> {
                    try {
                        return draft.trust(r.toString()).map(p -> evaluator.podIdentity(p, draft.cluster).allowed())
                                .orElse(false);
                    } catch (PolicyParseException e) {
                        return false;
                    }
                })
                .findFirst().orElse(derived);
    }

    private void addBridgeStep(RoleArn bridge, RoleArn target) {
        String id = "bridge:" + bridge;
        if (draft.has(id)) {
            return;
        }
        draft.add(PlanStep.of(id, "Create bridge role " + bridge.name() + " for " + target,
                List.of(),
                List.of("no role named " + bridge.name() + " exists in account " + bridge.account()
                        + " (an existing one is reused only if it trusts Pod Identity)"),
                List.of("role " + bridge + " trusts pods.eks.amazonaws.com (sts:AssumeRole, sts:TagSession)",
                        "its inline policy " + BridgeRoles.PERMISSION_POLICY_NAME + " allows sts:AssumeRole and "
                                + "sts:TagSession on " + target),
                new StepAction.CreateBridgeRole(bridge.toString(), bridge.name(), bridge.path(), bridge.account(),
                        BridgeRoles.trustPolicy(draft.cluster), BridgeRoles.PERMISSION_POLICY_NAME,
                        BridgeRoles.permissionPolicy(target), target.toString(),
                        Map.of(ConversionPlanner.CONVERTED_FROM_TAG, "irsa", "eksid/target-role", target.name()))));
    }

    /**
     * No profile can write the target's account: ask its owner. The service accounts wait, because an association
     * created now would hand new pods a role chain that fails (Pod Identity wins over IRSA, FACTS.md).
     */
    private void askOwner(RoleArn target, RoleArn bridge, List<Conversion> group, List<ServiceAccountRef> refs,
                          boolean readable) {
        String statement = BridgeRoles.targetTrustStatementJson(bridge);
        draft.externalRequests.add(new ExternalRequest(target.account(), target.toString(), statement,
                "Add this statement to the trust policy of role " + target.name() + " (" + target
                        + ") in account " + target.account() + ", so that bridge role " + bridge + " of account "
                        + bridge.account() + " may assume it with session tags for cluster " + draft.cluster.name()
                        + ". Keep every existing statement.", refs));
        String after = readable ? "re-plan once it is added" : "re-plan with the target marked as confirmed once "
                + "its owner has added it (the target role cannot be read from here)";
        group.forEach(c -> draft.skip(c, SkipReason.TARGET_TRUST_PENDING, "no profile can write account "
                + target.account() + ": its owner must let " + bridge + " assume " + target + " (see the external "
                + "request); " + after));
    }
}

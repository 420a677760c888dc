package io.eksid.ui.wizard;

import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import java.util.ArrayList;
import java.util.List;

/**
 * One trust-policy rewrite of a plan, as the preview shows it: the role, both documents, and their sizes against
 * the account's trust-policy quota (2,048 characters by default, white space not counted; FACTS.md, IAM).
 */
public record TrustChange(String stepId, String heading, String roleArn, String before, String after,
                          int charactersBefore, int charactersAfter, int quota, List<ServiceAccountRef> serviceAccounts,
                          List<String> notes) {

    public TrustChange {
        serviceAccounts = List.copyOf(serviceAccounts);
        notes = List.copyOf(notes);
    }

    /** Share of the quota the new document uses, 0..1 and more when over. */
    public double quotaUse() {
        return quota <= 0 ? 0 : (double) charactersAfter / quota;
    }

    /** Every trust rewrite of {@code plan}, in plan order. */
    public static List<TrustChange> of(ConversionPlan plan) {
        List<TrustChange> out = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            if (s.action() instanceof StepAction.UpdateRoleTrust t) {
                out.add(new TrustChange(s.id(), "Add Pod Identity trust", t.roleArn(), t.beforePolicy(),
                        t.afterPolicy(), t.charactersBefore(), t.charactersAfter(), t.quota(), t.serviceAccounts(),
                        t.notes()));
            } else if (s.action() instanceof StepAction.UpdateTargetRoleTrust t) {
                out.add(new TrustChange(s.id(), "Trust the bridge role " + t.bridgeRoleArn(), t.roleArn(),
                        t.beforePolicy(), t.afterPolicy(), t.charactersBefore(), t.charactersAfter(), t.quota(),
                        t.serviceAccounts(), List.of()));
            } else if (s.action() instanceof StepAction.RemoveOidcTrust t) {
                out.add(new TrustChange(s.id(), "Remove the OIDC subjects after verification", t.roleArn(),
                        t.beforePolicy(), t.afterPolicy(), t.charactersBefore(), t.charactersAfter(), t.quota(),
                        t.serviceAccounts(), t.notes()));
            }
        }
        return out;
    }
}

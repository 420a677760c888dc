package io.eksid.ui.wizard;

import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS write calls a new-association plan makes, one per request the engine sends: the confirm step lists them
 * and counts them, and the progress line and the result use the same numbers, so they cannot disagree (a step that
 * creates a role with two policies is one step but three calls).
 *
 * @param steps  the plan's steps, as the executor runs them
 * @param calls  one line per write request, in plan order
 * @param titles the title of the step each call belongs to, parallel to {@code calls}
 */
public record AssociationCalls(int steps, List<String> calls, List<String> titles) {

    public AssociationCalls {
        calls = List.copyOf(calls);
        titles = List.copyOf(titles);
    }

    public static AssociationCalls of(ConversionPlan plan) {
        List<String> out = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            if (s.action() instanceof StepAction.EnsureAgentAddon a) {
                boolean create = a.operation() != StepAction.AgentOperation.UPDATE
                        && a.operation() != StepAction.AgentOperation.WAIT_UNTIL_ACTIVE;
                if (a.operation() != StepAction.AgentOperation.WAIT_UNTIL_ACTIVE) {
                    out.add((create ? "eks:CreateAddon" : "eks:UpdateAddon") + " {\"clusterName\":\""
                            + a.clusterName() + "\",\"addonName\":\"" + a.addonName() + "\"}");
                }
            } else if (s.action() instanceof StepAction.CreateRole r) {
                out.add("iam:CreateRole {\"RoleName\":\"" + r.roleName() + "\",\"Path\":\"" + r.rolePath()
                        + "\"}  (trusts pods.eks.amazonaws.com)");
                for (String policy : r.managedPolicyArns()) {
                    out.add("iam:AttachRolePolicy " + r.roleName() + " " + policy);
                }
            } else if (s.action() instanceof StepAction.UpdateRoleTrust t) {
                out.add("iam:UpdateAssumeRolePolicy role/" + t.roleName() + "  (adds the pods.eks.amazonaws.com "
                        + "statement; " + t.charactersAfter() + " of " + t.quota() + " characters)");
            } else if (s.action() instanceof StepAction.CreateAssociation c) {
                out.add(association(c));
            } else if (s.action() instanceof StepAction.RestartWorkload w) {
                out.add("kubectl rollout restart " + w.workloadKind().toLowerCase(java.util.Locale.ROOT) + "/"
                        + w.workloadName() + " -n " + w.namespace());
            }
            while (titles.size() < out.size()) {
                titles.add(s.title());
            }
        }
        return new AssociationCalls(plan.steps().size(), out, titles);
    }

    private static String association(StepAction.CreateAssociation c) {
        StringBuilder out = new StringBuilder("eks:CreatePodIdentityAssociation {\"clusterName\":\"")
                .append(c.clusterName()).append("\",\"namespace\":\"").append(c.namespace())
                .append("\",\"serviceAccount\":\"").append(c.serviceAccount()).append("\",\"roleArn\":\"")
                .append(c.roleArn()).append('"');
        if (c.targetRoleArn() != null) {
            out.append(",\"targetRoleArn\":\"").append(c.targetRoleArn()).append('"');
        }
        if (c.disableSessionTags()) {
            out.append(",\"disableSessionTags\":true");
        }
        if (c.sessionPolicy() != null) {
            out.append(",\"policy\":\"\u2026").append(c.sessionPolicy().length()).append(" characters\"");
        }
        return out.append('}').toString();
    }

    /** The calls one a line, as the edit page and the confirm step show them. */
    public String text() {
        StringBuilder out = new StringBuilder();
        calls.forEach(c -> out.append(c).append('\n'));
        return out.toString();
    }

    /** "3 steps, 4 API calls". */
    public String count() {
        return steps + (steps == 1 ? " step, " : " steps, ") + calls.size()
                + (calls.size() == 1 ? " API call" : " API calls");
    }
}

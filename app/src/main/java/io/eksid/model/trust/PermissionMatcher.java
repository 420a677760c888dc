package io.eksid.model.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether one permission statement applies to a request (action, resource, context keys): Action or
 * NotAction (case-insensitive wildcards), Resource or NotResource (case-sensitive ARN wildcards, policy variables
 * under Version 2012-10-17), then every condition, with the same condition evaluator as trust policies.
 * Stateless; combining statements into a decision is the caller's business.
 */
public final class PermissionMatcher {

    /** TRUE, FALSE or not decidable from what the question knows. */
    public enum Applies { YES, NO, UNKNOWN }

    /**
     * @param explanation why it does not apply or cannot be decided; empty when it applies
     * @param held        the conditions that hold, described
     * @param undecided   the conditions that could not be decided
     */
    public record Result(int index, PermissionStatement statement, Applies applies, Stage stage,
                         String explanation, List<String> held, List<UndecidedCondition> undecided) {
    }

    /** Where a statement stopped applying (or could not be decided); APPLIES when everything holds. */
    public enum Stage { ACTION, RESOURCE, CONDITION, APPLIES }

    private final ConditionBlock conditions = new ConditionBlock();

    public Result evaluate(PermissionPolicy policy, int index, String action, String resource, ContextKeys keys) {
        PermissionStatement s = policy.statements().get(index);
        boolean variables = policy.supportsPolicyVariables();
        if (!ActionPatterns.covers(s.actions(), s.notAction(), action)) {
            String why = s.notAction() ? "its NotAction excludes " + action
                    : "it covers " + String.join(", ", s.actions().values()) + ", not " + action;
            return new Result(index, s, Applies.NO, Stage.ACTION, why, List.of(), List.of());
        }
        RequestContext ctx = keys.toRequest(action);
        Tri listed = Tri.FALSE;
        String variable = null;
        for (String pattern : s.resources().values()) {
            PolicyVariables.Expansion x = PolicyVariables.expand(pattern, variables, true, ctx);
            if (x.state() == PolicyVariables.State.UNKNOWN) {
                listed = listed == Tri.TRUE ? Tri.TRUE : Tri.UNKNOWN;
                variable = x.variable();
            } else if (x.state() == PolicyVariables.State.RESOLVED && ResourcePatterns.matches(x.pattern(), resource)) {
                listed = Tri.TRUE;
            }
        }
        Tri resourceApplies = s.notResource() ? listed.not() : listed;
        if (resourceApplies == Tri.FALSE) {
            String why = s.notResource() ? "its NotResource excludes " + resource
                    : "its Resource " + String.join(", ", s.resources().values()) + " does not match " + resource;
            return new Result(index, s, Applies.NO, Stage.RESOURCE, why, List.of(), List.of());
        }
        ConditionBlock.Result c = conditions.evaluate(s.conditions(), ctx, variables);
        if (c.result() == Tri.FALSE) {
            return new Result(index, s, Applies.NO, Stage.CONDITION, c.explanation(), c.held(), List.of());
        }
        List<UndecidedCondition> undecided = new ArrayList<>();
        c.undecided().forEach(u -> undecided.add(u.toPublic()));
        if (resourceApplies == Tri.UNKNOWN) {
            String why = "its Resource " + String.join(", ", s.resources().values()) + " uses ${" + variable
                    + "}, whose value is not known for this question";
            undecided.add(0, new UndecidedCondition("Resource", variable, s.resources().values(), why));
            return new Result(index, s, Applies.UNKNOWN, Stage.RESOURCE, why, c.held(), undecided);
        }
        if (c.result() == Tri.UNKNOWN) {
            return new Result(index, s, Applies.UNKNOWN, Stage.CONDITION, c.explanation(), c.held(), undecided);
        }
        return new Result(index, s, Applies.YES, Stage.APPLIES, "", c.held(), List.of());
    }
}

package io.eksid.model.trust;

import java.util.List;

/** Decides whether one statement applies to a request: principal, then action, then every condition (AND). */
final class StatementEvaluator {

    /** Where a statement stopped applying, if it did. */
    enum Stage { PRINCIPAL, ACTION, CONDITION, APPLIES }

    /**
     * @param applies     TRUE when the statement applies, FALSE when it definitely does not, UNKNOWN otherwise
     * @param stage       the first stage that failed or could not be decided; APPLIES when all hold
     * @param explanation why it failed or could not be decided (empty when it applies)
     * @param held        the conditions that hold, described, for explaining an Allow or Deny
     * @param undecided   the conditions that could not be decided (when the statement's outcome is unknown)
     */
    record Result(int index, Statement statement, Tri applies, Stage stage, String explanation, List<String> held,
                  List<UndecidedCondition> undecided) {
        Result(int index, Statement statement, Tri applies, Stage stage, String explanation, List<String> held) {
            this(index, statement, applies, stage, explanation, held, List.of());
        }
    }

    private final PrincipalMatcher principals = new PrincipalMatcher();
    private final ConditionBlock conditions = new ConditionBlock();

    Result evaluate(Statement s, int index, RequestContext ctx, boolean variables) {
        PrincipalMatcher.Match m = principals.names(s.principal(), ctx.principal());
        Tri principal = m.result();
        String principalWhy = m.explanation();
        if (s.notPrincipal()) {
            principal = m.result().not();
            principalWhy = principal == Tri.FALSE ? "its NotPrincipal excludes " + ctx.principal().describe()
                    : m.result() == Tri.UNKNOWN ? m.explanation() : "";
            if (s.effect() == Effect.ALLOW && principal == Tri.TRUE) {
                // IAM docs: NotPrincipal must be used with Deny and is not supported in role trust policies.
                principal = Tri.UNKNOWN;
                principalWhy = "it uses NotPrincipal with Allow, which IAM does not support (and rejects in role"
                        + " trust policies), so what it grants cannot be proven";
            }
        }
        if (principal == Tri.FALSE) {
            return new Result(index, s, Tri.FALSE, Stage.PRINCIPAL, principalWhy, List.of());
        }
        if (!ActionPatterns.covers(s, ctx.action())) {
            String why = s.notAction() ? "its NotAction excludes " + ctx.action()
                    : "it covers " + String.join(", ", s.actions().values()) + ", not " + ctx.action();
            return new Result(index, s, Tri.FALSE, Stage.ACTION, why, List.of());
        }
        ConditionBlock.Result c = conditions.evaluate(s.conditions(), ctx, variables);
        if (c.result() == Tri.FALSE) {
            return new Result(index, s, Tri.FALSE, Stage.CONDITION, c.explanation(), c.held());
        }
        List<String> held = c.held();
        if (principal == Tri.UNKNOWN) {
            return new Result(index, s, Tri.UNKNOWN, Stage.PRINCIPAL, principalWhy, held);
        }
        if (c.result() == Tri.UNKNOWN) {
            return new Result(index, s, Tri.UNKNOWN, Stage.CONDITION, c.explanation(), held,
                    c.undecided().stream().map(ConditionBlock.Undecided::toPublic).toList());
        }
        return new Result(index, s, Tri.TRUE, Stage.APPLIES, "", held);
    }
}

package io.eksid.model.trust;

import io.eksid.model.trust.Statement.ConditionEntry;
import java.util.ArrayList;
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
     */
    record Result(int index, Statement statement, Tri applies, Stage stage, String explanation, List<String> held) {
    }

    private final PrincipalMatcher principals = new PrincipalMatcher();
    private final ConditionEvaluator conditions = new ConditionEvaluator();

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
        Tri all = Tri.TRUE;
        String firstUnknown = null;
        List<String> held = new ArrayList<>();
        for (ConditionEntry e : s.conditions()) {
            ConditionEvaluator.Outcome o = conditions.evaluate(e, ctx, variables);
            if (o.result() == Tri.FALSE) {
                return new Result(index, s, Tri.FALSE, Stage.CONDITION, o.explanation(), held);
            }
            if (o.result() == Tri.UNKNOWN && firstUnknown == null) {
                firstUnknown = o.explanation();
            }
            if (o.result() == Tri.TRUE) {
                held.add(ConditionEvaluator.describe(e));
            }
            all = all.and(o.result());
        }
        if (principal == Tri.UNKNOWN) {
            return new Result(index, s, Tri.UNKNOWN, Stage.PRINCIPAL, principalWhy, held);
        }
        if (all == Tri.UNKNOWN) {
            return new Result(index, s, Tri.UNKNOWN, Stage.CONDITION, firstUnknown, held);
        }
        return new Result(index, s, Tri.TRUE, Stage.APPLIES, "", held);
    }
}

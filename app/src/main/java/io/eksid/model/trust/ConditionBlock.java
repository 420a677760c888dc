package io.eksid.model.trust;

import io.eksid.model.trust.Statement.ConditionEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement's Condition element as a whole: every entry must hold (AND). The first entry that fails decides
 * FALSE; otherwise an entry that cannot be decided leaves it UNKNOWN. Trust and permission statements share it.
 */
final class ConditionBlock {

    /**
     * @param result      the AND of every entry
     * @param explanation why it failed (the failing entry) or could not be decided (the first undecidable one)
     * @param held        the entries that hold, described
     * @param undecided   the entries that could not be decided, with why
     */
    record Result(Tri result, String explanation, List<String> held, List<Undecided> undecided) {
    }

    /** One entry whose outcome is unknown. */
    record Undecided(ConditionEntry entry, String explanation) {
        UndecidedCondition toPublic() {
            return new UndecidedCondition(entry.operator(), entry.key(), entry.values().texts(), explanation);
        }
    }

    private final ConditionEvaluator conditions = new ConditionEvaluator();

    Result evaluate(List<ConditionEntry> entries, RequestContext ctx, boolean variables) {
        Tri all = Tri.TRUE;
        String firstUnknown = null;
        List<String> held = new ArrayList<>();
        List<Undecided> undecided = new ArrayList<>();
        for (ConditionEntry e : entries) {
            ConditionEvaluator.Outcome o = conditions.evaluate(e, ctx, variables);
            if (o.result() == Tri.FALSE) {
                return new Result(Tri.FALSE, o.explanation(), held, undecided);
            }
            if (o.result() == Tri.UNKNOWN) {
                undecided.add(new Undecided(e, o.explanation()));
                if (firstUnknown == null) {
                    firstUnknown = o.explanation();
                }
            }
            if (o.result() == Tri.TRUE) {
                held.add(ConditionEvaluator.describe(e));
            }
            all = all.and(o.result());
        }
        return new Result(all, all == Tri.UNKNOWN ? firstUnknown : "", held, undecided);
    }
}

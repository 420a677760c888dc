package io.eksid.model.trust;

import io.eksid.model.trust.ConditionOperator.Base;
import io.eksid.model.trust.ConditionOperator.Qualifier;
import io.eksid.model.trust.Statement.ConditionEntry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates one condition entry (operator, key, values) against a request context, following the IAM docs
 * ("Condition operators", "Conditions with multiple context keys or values"):
 * values of one key are ORed (NOR for negated operators); a key missing from the request makes a positive
 * operator false and a negated one true; {@code ...IfExists} is true when the key is missing; {@code Null} tests
 * presence; {@code ForAllValues} is true for a missing key, {@code ForAnyValue} false. A single-valued context key
 * is treated as a set of one under the set qualifiers. Keys compare case-insensitively, values case-sensitively
 * except for the IgnoreCase operators and Bool.
 */
final class ConditionEvaluator {

    /** The outcome of one entry, and a sentence fragment that explains it. */
    record Outcome(Tri result, String explanation) {
    }

    Outcome evaluate(ConditionEntry entry, RequestContext ctx, boolean variables) {
        String described = describe(entry);
        Optional<ConditionOperator> parsed = ConditionOperator.parse(entry.operator());
        if (parsed.isEmpty()) {
            return new Outcome(Tri.UNKNOWN, "its condition uses the operator " + entry.operator()
                    + ", which this evaluator does not know, so whether " + described + " holds cannot be proven");
        }
        ConditionOperator op = parsed.get();
        RequestContext.Lookup l = ctx.lookup(entry.key());
        if (l.state() == RequestContext.State.UNKNOWN) {
            return new Outcome(Tri.UNKNOWN, "its condition " + described + " depends on " + entry.key()
                    + ", whose value is not known for this question");
        }
        boolean present = l.state() == RequestContext.State.PRESENT;
        if (op.base() == Base.Null) {
            return nullCheck(entry, present, described);
        }
        if (!present) {
            boolean result = op.ifExists() || op.qualifier() == Qualifier.FOR_ALL_VALUES
                    || (op.qualifier() == Qualifier.NONE && op.base().negated);
            String why = op.ifExists() ? " (IfExists: the key is absent)"
                    : op.qualifier() == Qualifier.FOR_ALL_VALUES ? " (ForAllValues is true when the key is absent)"
                    : "";
            return new Outcome(Tri.of(result), "its condition " + described + (result ? " holds" : " does not hold")
                    + " because the request has no " + entry.key() + why);
        }
        Tri result = op.qualifier() == Qualifier.FOR_ALL_VALUES ? Tri.TRUE : Tri.FALSE;
        for (String actual : l.values()) {
            Tri perValue = matchesAny(op, entry, actual, ctx, variables);
            if (perValue == Tri.UNKNOWN) {
                return new Outcome(Tri.UNKNOWN, "its condition " + described + " uses a policy variable whose"
                        + " value is not known for this question");
            }
            boolean holds = op.base().negated ? perValue == Tri.FALSE : perValue == Tri.TRUE;
            if (op.qualifier() == Qualifier.FOR_ALL_VALUES && !holds) {
                result = Tri.FALSE;
            } else if (op.qualifier() != Qualifier.FOR_ALL_VALUES && holds) {
                result = Tri.TRUE;
            }
        }
        String actualText = String.join(", ", l.values());
        String verb = op.base().negated ? (result == Tri.TRUE ? " holds for " : " excludes ")
                : (result == Tri.TRUE ? " matches " : " does not match ");
        return new Outcome(result, "its condition " + described + verb + actualText);
    }

    private Outcome nullCheck(ConditionEntry entry, boolean present, String described) {
        Tri result = Tri.FALSE;
        for (PolicyValue v : entry.values().values()) {
            String t = v.text().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                return new Outcome(Tri.UNKNOWN, "its condition " + described + " has the value " + v.text()
                        + ", but Null takes only true or false");
            }
            boolean wantAbsent = t.equals("true");
            if (wantAbsent != present) {
                result = Tri.TRUE;
            }
        }
        return new Outcome(result, "its condition " + described + (result == Tri.TRUE ? " holds" : " does not hold")
                + " because the request " + (present ? "has " : "has no ") + entry.key());
    }

    /** Whether any policy value matches {@code actual}; UNKNOWN when a variable cannot be resolved. */
    private Tri matchesAny(ConditionOperator op, ConditionEntry entry, String actual, RequestContext ctx,
                           boolean variables) {
        boolean any = false;
        boolean unknown = false;
        for (PolicyValue v : entry.values().values()) {
            if (op.base() == Base.Bool) {
                any |= v.text().equalsIgnoreCase(actual);
                continue;
            }
            if (op.base().kind.valueComparison()) {
                // Policy variables apply to string comparisons only (IAM docs, policy variables).
                any |= ValueComparisons.matches(op.base(), actual, v.text());
                continue;
            }
            PolicyVariables.Expansion x = PolicyVariables.expand(v.text(), variables, op.base().wildcards, ctx);
            if (x.state() == PolicyVariables.State.UNKNOWN) {
                unknown = true;
                continue;
            }
            if (x.state() == PolicyVariables.State.MISSING) {
                continue;
            }
            any |= switch (op.base().kind) {
                case STRING -> x.pattern().literalText().equals(actual);
                case STRING_IGNORE_CASE -> x.pattern().literalText().equalsIgnoreCase(actual);
                case STRING_LIKE -> x.pattern().matches(actual, false);
                case ARN -> ArnPatterns.matches(x.pattern(), actual);
                default -> false;
            };
        }
        return any ? Tri.TRUE : unknown ? Tri.UNKNOWN : Tri.FALSE;
    }

    /** "StringEquals oidc.eks...:sub = system:serviceaccount:pay:api" (several values joined with "or"). */
    static String describe(ConditionEntry entry) {
        List<String> texts = entry.values().texts();
        return entry.operator() + " " + entry.key() + " = " + String.join(" or ", texts);
    }
}

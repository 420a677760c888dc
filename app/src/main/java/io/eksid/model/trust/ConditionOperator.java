package io.eksid.model.trust;

import java.util.Optional;

/**
 * A condition operator as IAM spells it: an optional set qualifier ({@code ForAnyValue:} / {@code ForAllValues:}),
 * a base operator, and an optional {@code IfExists} suffix. Only the operators below are understood; anything
 * else makes a decision unprovable rather than guessed.
 */
record ConditionOperator(String raw, Base base, Qualifier qualifier, boolean ifExists) {

    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    /** Base operators and how they compare. {@code negated} ones are true when no policy value matches. */
    enum Base {
        StringEquals(Kind.STRING, false, false),
        StringNotEquals(Kind.STRING, true, false),
        StringEqualsIgnoreCase(Kind.STRING_IGNORE_CASE, false, false),
        StringNotEqualsIgnoreCase(Kind.STRING_IGNORE_CASE, true, false),
        StringLike(Kind.STRING_LIKE, false, true),
        StringNotLike(Kind.STRING_LIKE, true, true),
        // IAM docs: ArnEquals and ArnLike behave the same; each colon-separated part may use * and ?.
        ArnEquals(Kind.ARN, false, true),
        ArnLike(Kind.ARN, false, true),
        ArnNotEquals(Kind.ARN, true, true),
        ArnNotLike(Kind.ARN, true, true),
        Bool(Kind.BOOL, false, false),
        Null(Kind.NULL, false, false);

        enum Kind { STRING, STRING_IGNORE_CASE, STRING_LIKE, ARN, BOOL, NULL }

        final Kind kind;
        final boolean negated;
        final boolean wildcards;

        Base(Kind kind, boolean negated, boolean wildcards) {
            this.kind = kind;
            this.negated = negated;
            this.wildcards = wildcards;
        }
    }

    static Optional<ConditionOperator> parse(String raw) {
        String rest = raw;
        Qualifier q = Qualifier.NONE;
        if (rest.startsWith("ForAnyValue:")) {
            q = Qualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (rest.startsWith("ForAllValues:")) {
            q = Qualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        }
        boolean ifExists = false;
        if (rest.endsWith("IfExists")) {
            ifExists = true;
            rest = rest.substring(0, rest.length() - "IfExists".length());
        }
        for (Base b : Base.values()) {
            if (b.name().equals(rest)) {
                // IAM docs: IfExists cannot be combined with Null, and Null takes no set qualifier.
                if (b == Base.Null && (ifExists || q != Qualifier.NONE)) {
                    return Optional.empty();
                }
                return Optional.of(new ConditionOperator(raw, b, q, ifExists));
            }
        }
        return Optional.empty();
    }
}

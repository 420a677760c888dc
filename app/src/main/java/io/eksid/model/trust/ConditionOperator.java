package io.eksid.model.trust;

import java.util.Optional;

/**
 * A condition operator as IAM spells it: an optional set qualifier ({@code ForAnyValue:} / {@code ForAllValues:}),
 * a base operator, and an optional {@code IfExists} suffix. Every operator family of the IAM docs is understood
 * (String, Numeric, Date, Bool, Binary, IpAddress, Arn, Null); anything else makes a decision unprovable rather
 * than guessed.
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
        NumericEquals(Kind.NUMERIC, false, false),
        NumericNotEquals(Kind.NUMERIC, true, false),
        NumericLessThan(Kind.NUMERIC, false, false),
        NumericLessThanEquals(Kind.NUMERIC, false, false),
        NumericGreaterThan(Kind.NUMERIC, false, false),
        NumericGreaterThanEquals(Kind.NUMERIC, false, false),
        DateEquals(Kind.DATE, false, false),
        DateNotEquals(Kind.DATE, true, false),
        DateLessThan(Kind.DATE, false, false),
        DateLessThanEquals(Kind.DATE, false, false),
        DateGreaterThan(Kind.DATE, false, false),
        DateGreaterThanEquals(Kind.DATE, false, false),
        // IAM docs: IpAddress takes CIDR blocks (IPv4 or IPv6); NotIpAddress is its negation.
        IpAddress(Kind.IP, false, false),
        NotIpAddress(Kind.IP, true, false),
        BinaryEquals(Kind.BINARY, false, false),
        Bool(Kind.BOOL, false, false),
        Null(Kind.NULL, false, false);

        enum Kind {
            STRING, STRING_IGNORE_CASE, STRING_LIKE, ARN, NUMERIC, DATE, IP, BINARY, BOOL, NULL;

            boolean valueComparison() {
                return this == NUMERIC || this == DATE || this == IP || this == BINARY;
            }
        }

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

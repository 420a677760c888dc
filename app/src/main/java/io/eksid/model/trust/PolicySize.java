package io.eksid.model.trust;

/**
 * A trust policy's size as IAM measures it against the "Role trust policy length" quota (FACTS.md, IAM: 2,048
 * characters by default, raisable per account; IAM does not count white space).
 *
 * <p>Choice: white space between JSON tokens is not counted; white space <em>inside</em> string values (a Sid
 * cannot have any, but a condition value can) is counted. The IAM docs only say white space does not count; counting
 * it inside values can only overestimate, so a policy this class says fits does fit. Characters are Unicode code
 * points; an encoded (GetRole) document is decoded first.
 */
public record PolicySize(int characters, int quota) {

    /** The default role trust policy length quota. */
    public static final int DEFAULT_QUOTA = 2048;

    public PolicySize {
        if (characters < 0) {
            throw new IllegalArgumentException("characters must be >= 0");
        }
        if (quota <= 0) {
            throw new IllegalArgumentException("quota must be positive, got " + quota);
        }
    }

    public static PolicySize measure(String json, int quota) {
        String text = IamDocumentDecoder.decodeIfEncoded(json == null ? "" : json);
        int count = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (inString) {
                count++;
                if (escaped) {
                    escaped = false;
                } else if (cp == '\\') {
                    escaped = true;
                } else if (cp == '"') {
                    inString = false;
                }
            } else if (!Character.isWhitespace(cp)) {
                count++;
                if (cp == '"') {
                    inString = true;
                }
            }
        }
        return new PolicySize(count, quota);
    }

    public static PolicySize of(TrustPolicy policy, int quota) {
        return measure(policy.toJson(), quota);
    }

    public boolean fits() {
        return characters <= quota;
    }

    /** characters / quota: 1.0 is exactly full. */
    public double ratio() {
        return (double) characters / quota;
    }

    /** How many characters over the quota (0 when it fits). */
    public int overBy() {
        return Math.max(0, characters - quota);
    }

    /** "2,113 of 2,048 characters (65 over)" */
    public String describe() {
        return String.format("%,d of %,d characters", characters, quota)
                + (fits() ? "" : String.format(" (%,d over)", overBy()));
    }
}

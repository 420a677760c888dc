package io.eksid.model.trust;

/**
 * ARN comparison for the Arn* condition operators. IAM docs: each of the six colon-delimited parts of the ARN is
 * checked separately, case-sensitively, and each part may contain {@code *} and {@code ?}; a wildcard never spans
 * a colon between parts (the resource part, the sixth, may itself contain colons).
 */
final class ArnPatterns {

    private ArnPatterns() {
    }

    static boolean matches(Glob pattern, String actual) {
        String p = pattern.literalText();
        String[] want = p.split(":", 6);
        String[] have = actual.split(":", 6);
        if (want.length != 6 || have.length != 6) {
            return false;
        }
        // The pattern is split on its text, so a * that came from the ${*} variable counts as a wildcard here;
        // ARNs cannot contain a literal * or ?, so no real ARN is matched differently because of it.
        for (int i = 0; i < 6; i++) {
            if (!Glob.matches(want[i], have[i], false)) {
                return false;
            }
        }
        return true;
    }
}

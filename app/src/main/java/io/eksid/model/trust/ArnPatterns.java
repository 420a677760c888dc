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
        // Literal * from ${*} would be re-read as a wildcard here; ARN patterns with escaped wildcards are not a
        // trust-policy idiom, and treating them as wildcards can only widen a match we then report as such.
        for (int i = 0; i < 6; i++) {
            if (!Glob.matches(want[i], have[i], false)) {
                return false;
            }
        }
        return true;
    }
}

package io.eksid.model.trust;

/**
 * Resource element matching (IAM docs, Resource element, "Using wildcards in resource ARNs"): case-sensitive;
 * {@code *} and {@code ?} work within one colon-separated segment, except that a {@code *} that ends a segment
 * may expand beyond the colon boundaries. {@code "*"} alone names every resource. Text substituted for a policy
 * variable is literal.
 */
final class ResourcePatterns {

    private static final int STAR_IN_SEGMENT = -1;
    private static final int STAR_ANY = -2;
    private static final int ONE = -3;

    private ResourcePatterns() {
    }

    static boolean matches(Glob pattern, String resource) {
        int[] p = tokens(pattern);
        int n = resource.length();
        // reach[j]: the first i pattern tokens can match resource[0, j). Dynamic programming: O(|p|·|r|).
        boolean[] reach = new boolean[n + 1];
        reach[0] = true;
        for (int t : p) {
            boolean[] next = new boolean[n + 1];
            if (t == STAR_ANY || t == STAR_IN_SEGMENT) {
                boolean carry = false;
                for (int j = 0; j <= n; j++) {
                    if (t == STAR_IN_SEGMENT && j > 0 && resource.charAt(j - 1) == ':') {
                        carry = false;
                    }
                    carry |= reach[j];
                    next[j] = carry;
                }
            } else {
                for (int j = 1; j <= n; j++) {
                    char c = resource.charAt(j - 1);
                    next[j] = reach[j - 1] && (t == ONE ? c != ':' : c == (char) t);
                }
            }
            reach = next;
        }
        return reach[n];
    }

    private static int[] tokens(Glob pattern) {
        java.util.List<Glob.Part> parts = pattern.parts();
        int size = 0;
        for (Glob.Part part : parts) {
            size += part.isWildcard() ? 1 : part.literal().length();
        }
        int[] out = new int[size];
        int i = 0;
        for (int k = 0; k < parts.size(); k++) {
            Glob.Part part = parts.get(k);
            if (!part.isWildcard()) {
                for (char c : part.literal().toCharArray()) {
                    out[i++] = c;
                }
            } else if (part.wildcard() == '?') {
                out[i++] = ONE;
            } else {
                Glob.Part after = k + 1 < parts.size() ? parts.get(k + 1) : null;
                boolean endsSegment = after == null || (!after.isWildcard() && after.literal().startsWith(":"));
                out[i++] = endsSegment ? STAR_ANY : STAR_IN_SEGMENT;
            }
        }
        return out;
    }
}

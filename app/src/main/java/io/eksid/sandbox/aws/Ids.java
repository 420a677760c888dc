package io.eksid.sandbox.aws;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers in the formats AWS uses. */
final class Ids {

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** Pod Identity association ids: {@code a-} and 17 lowercase letters or digits. */
    String associationId() {
        return "a-" + random(LOWER, 17);
    }

    /** IAM role ids: {@code AROA} and 17 upper-case letters or digits. */
    String roleId() {
        return "AROA" + random(UPPER, 17);
    }

    String policyId() {
        return "ANPA" + random(UPPER, 17);
    }

    String uuid() {
        return UUID.randomUUID().toString();
    }

    private static String random(String alphabet, int n) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

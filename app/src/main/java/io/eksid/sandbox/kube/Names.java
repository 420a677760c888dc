package io.eksid.sandbox.kube;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/** Kubernetes-style generated names: the same alphabet and shapes as the real controllers use. */
final class Names {

    /** k8s.io/apimachinery rand.String alphabet: no vowels, no confusable characters. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private Names() {
    }

    static String randomSuffix(RandomGenerator random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The pod-template-hash / controller-revision-hash of a template: FNV-1a 32 encoded like SafeEncodeString. */
    static String templateHash(String canonicalTemplate) {
        int hash = 0x811c9dc5;
        for (byte b : canonicalTemplate.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x01000193;
        }
        String digits = Long.toString(hash & 0xffffffffL);
        StringBuilder sb = new StringBuilder(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            sb.append(ALPHABET.charAt((digits.charAt(i) - '0' + i * 7) % ALPHABET.length()));
        }
        return sb.toString();
    }

    static String hex(RandomGenerator random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}

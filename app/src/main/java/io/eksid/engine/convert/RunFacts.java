package io.eksid.engine.convert;

import io.eksid.model.trust.TrustPolicy;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What one run has proven from fresh reads, so verification reads each role once per run (#13): the trust a role
 * had when a step last read it fresh (the trust step's re-read after its write is that role's verification), and
 * the id of each association the run created or found (so it is checked by its own Describe, not a List).
 */
final class RunFacts {

    private final ConcurrentHashMap<String, TrustPolicy> trust = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> associationIds = new ConcurrentHashMap<>();

    /** A fresh GetRole of {@code roleArn} returned {@code policy}. */
    void readTrust(String roleArn, TrustPolicy policy) {
        trust.put(roleArn, policy);
    }

    /**
     * The role's trust as this run last read it fresh, or read now (once: callers hold the role's lock, so
     * concurrent verifications of one role share a single GetRole).
     */
    TrustPolicy trust(RoleLocks locks, String roleArn, Supplier<TrustPolicy> freshRead) {
        return locks.withRole(roleArn, () -> {
            TrustPolicy known = trust.get(roleArn);
            if (known != null) {
                return known;
            }
            TrustPolicy read = freshRead.get();
            trust.put(roleArn, read);
            return read;
        });
    }

    void association(String serviceAccount, String associationId) {
        if (associationId != null && !associationId.isBlank()) {
            associationIds.put(serviceAccount, associationId);
        }
    }

    Optional<String> associationId(String serviceAccount) {
        return Optional.ofNullable(associationIds.get(serviceAccount));
    }
}

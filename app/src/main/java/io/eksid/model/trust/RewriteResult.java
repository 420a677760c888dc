package io.eksid.model.trust;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a trust policy rewrite: the policy before and after (equal when {@code changed} is false), the
 * size of the result against the account's quota, and notes that explain what was done or why nothing was.
 */
public record RewriteResult(TrustPolicy before, TrustPolicy after, boolean changed, PolicySize size,
                           List<String> notes) {

    public RewriteResult {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(size, "size");
        notes = List.copyOf(notes);
    }

    /** Whether the resulting policy fits the role trust policy length quota. */
    public boolean fits() {
        return size.fits();
    }
}

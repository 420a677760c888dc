package io.eksid.ui.tables;

import java.util.Optional;

/**
 * Findings a wizard can fix, and which wizard: the button opens that wizard's preview for the finding's subject,
 * and never changes anything by itself.
 */
public enum FindingFix {
    /** The conversion preview of the service account (moves a broken or shadowed IRSA mapping to Pod Identity). */
    CONVERSION_PREVIEW("Fix\u2026 (conversion preview)"),
    /** The new-association preview, where the role's trust for pods.eks.amazonaws.com is added. */
    ASSOCIATION_PREVIEW("Fix\u2026 (association and role trust preview)");

    private final String label;

    FindingFix(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<FindingFix> of(TableRows.FindingRow r) {
        if (r == null) {
            return Optional.empty();
        }
        return switch (r.code()) {
            case "IRSA_TRUST_DENIES", "IRSA_SHADOWED_BY_ASSOCIATION", "IRSA_ROLE_MISSING" ->
                    r.nodeId().startsWith("sa:") ? Optional.of(CONVERSION_PREVIEW) : Optional.empty();
            case "POD_IDENTITY_TRUST_MISSING" -> Optional.of(ASSOCIATION_PREVIEW);
            default -> Optional.empty();
        };
    }
}

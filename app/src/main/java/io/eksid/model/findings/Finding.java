package io.eksid.model.findings;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something broken or risky, with the fix.
 *
 * @param code     a stable {@link FindingCode} name
 * @param subject  a graph node id ({@code sa:pay/api}, {@code wl:pay/Deployment/api}, {@code assoc:a-1}) or an ARN
 *                 (role, OIDC provider, cluster)
 * @param message  what is wrong, specifically (names, counts, the trust evaluator's reason)
 * @param fix      what to change: the statement to add, the command to run
 */
public record Finding(String code, Severity severity, String subject, String message, String fix) {

    /** Most severe first, then by code and subject, so reports are stable. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Finding::code).thenComparing(Finding::subject);

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
    }

    public static Finding of(FindingCode code, String subject, String message, String fix) {
        return new Finding(code.code(), code.severity(), subject, message, fix);
    }

    public static Finding of(FindingCode code, Severity severity, String subject, String message, String fix) {
        return new Finding(code.code(), severity, subject, message, fix);
    }

    public boolean is(FindingCode c) {
        return code.equals(c.code());
    }
}

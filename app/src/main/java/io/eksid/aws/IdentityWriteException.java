package io.eksid.aws;

import java.util.Objects;

/**
 * An AWS call of a conversion failed, explained for an admin: what was attempted, the service's error code, and for
 * AccessDenied the permission that is missing ({@code iam:UpdateAssumeRolePolicy}, {@code iam:PassRole}, ...).
 */
public final class IdentityWriteException extends RuntimeException {

    /** How the executor should treat the failure. */
    public enum Kind {
        /** Throttling, 5xx or a dropped connection: retry with backoff. */
        TRANSIENT,
        /** The caller lacks a permission; {@link #missingPermission()} names it. */
        ACCESS_DENIED,
        /** The resource does not exist (NoSuchEntity, ResourceNotFoundException). */
        NOT_FOUND,
        /** The resource exists already (EntityAlreadyExists, ResourceInUseException). */
        ALREADY_EXISTS,
        /** IAM refused the document: over the trust policy length quota (LimitExceeded). */
        LIMIT_EXCEEDED,
        /** Anything else: a bad request the caller must fix. */
        REJECTED
    }

    private final Kind kind;
    private final String errorCode;
    private final String missingPermission;

    public IdentityWriteException(Kind kind, String errorCode, String missingPermission, String message,
                                  Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.errorCode = errorCode == null ? "" : errorCode;
        this.missingPermission = missingPermission;
    }

    public Kind kind() {
        return kind;
    }

    /** The service's error code ({@code Throttling}, {@code NoSuchEntity}, ...), or empty. */
    public String errorCode() {
        return errorCode;
    }

    /** For {@link Kind#ACCESS_DENIED}: the IAM action the caller needs, else null. */
    public String missingPermission() {
        return missingPermission;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}

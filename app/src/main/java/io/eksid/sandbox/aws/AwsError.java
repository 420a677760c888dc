package io.eksid.sandbox.aws;

/**
 * An error exactly as an AWS service reports it: the error code the SDKs map to exception types
 * (e.g. {@code NoSuchEntity}, {@code ResourceInUseException}), the HTTP status and the message.
 * Thrown by the emulated services and by the seeding methods of {@link AwsWorld}; the wire layer
 * renders it in the protocol of the service that was called.
 */
public final class AwsError extends RuntimeException {

    private final String code;
    private final int httpStatus;
    private final boolean senderFault;

    public AwsError(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
        this.senderFault = httpStatus < 500;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** IAM and STS tell the caller whose fault it was: {@code <Type>Sender</Type>} or {@code Receiver}. */
    public boolean senderFault() {
        return senderFault;
    }

    @Override
    public String toString() {
        return code + " (" + httpStatus + "): " + getMessage();
    }

    // EKS (REST-JSON, model data/eks/2017-11-01): the code is the shape name.
    static AwsError eksInvalidParameter(String message) {
        return new AwsError("InvalidParameterException", 400, message);
    }

    static AwsError eksInvalidRequest(String message) {
        return new AwsError("InvalidRequestException", 400, message);
    }

    static AwsError eksNotFound(String message) {
        return new AwsError("ResourceNotFoundException", 404, message);
    }

    static AwsError eksInUse(String message) {
        return new AwsError("ResourceInUseException", 409, message);
    }

    // IAM (Query, model data/iam/2010-05-08): the code is the shape's "error.code".
    static AwsError noSuchEntity(String message) {
        return new AwsError("NoSuchEntity", 404, message);
    }

    static AwsError malformedPolicy(String message) {
        return new AwsError("MalformedPolicyDocument", 400, message);
    }

    static AwsError limitExceeded(String message) {
        return new AwsError("LimitExceeded", 409, message);
    }

    static AwsError alreadyExists(String message) {
        return new AwsError("EntityAlreadyExists", 409, message);
    }

    static AwsError unmodifiable(String message) {
        return new AwsError("UnmodifiableEntity", 400, message);
    }

    static AwsError invalidInput(String message) {
        return new AwsError("InvalidInput", 400, message);
    }

    /** IAM's authorization failure: HTTP 403, code {@code AccessDenied}. */
    static AwsError accessDenied(String message) {
        return new AwsError("AccessDenied", 403, message);
    }

    /** The constraint error IAM's front end gives before an operation runs (AWS "ValidationError"). */
    static AwsError validation(String message) {
        return new AwsError("ValidationError", 400, message);
    }
}

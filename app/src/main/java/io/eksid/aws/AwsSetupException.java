package io.eksid.aws;

/** The AWS configuration cannot be used as it is; the message tells the admin what to change. */
public final class AwsSetupException extends RuntimeException {

    public AwsSetupException(String message) {
        super(message);
    }

    public AwsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.eksid.aws;

/** An IAM Identity Center sign-in did not complete; the message says why and what to do. */
public final class SsoSignInException extends RuntimeException {

    public SsoSignInException(String message) {
        super(message);
    }

    public SsoSignInException(String message, Throwable cause) {
        super(message, cause);
    }
}

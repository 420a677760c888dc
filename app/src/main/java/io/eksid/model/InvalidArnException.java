package io.eksid.model;

/** A string that should be an ARN (or a role ARN) is not one; the message says why. */
public final class InvalidArnException extends IllegalArgumentException {

    private final String input;

    public InvalidArnException(String input, String reason) {
        super("'" + input + "' is not a valid ARN: " + reason);
        this.input = input;
    }

    public String input() {
        return input;
    }
}

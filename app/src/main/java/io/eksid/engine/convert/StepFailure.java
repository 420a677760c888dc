package io.eksid.engine.convert;

/** A step cannot succeed for a reason the admin must act on; the message is that reason. */
final class StepFailure extends RuntimeException {

    private final boolean conflict;

    StepFailure(String reason) {
        this(reason, false);
    }

    StepFailure(String reason, boolean conflict) {
        super(reason);
        this.conflict = conflict;
    }

    /** The live state contradicts the plan (an association to another role): a decision, not a retry. */
    boolean conflict() {
        return conflict;
    }
}

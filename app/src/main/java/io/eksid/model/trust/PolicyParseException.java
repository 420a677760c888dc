package io.eksid.model.trust;

/**
 * A trust policy document IAM would not accept (or that is not JSON at all). The message says what is wrong,
 * {@link #where()} says where: a JSON position ({@code line 3, column 14}) for syntax errors, an element path
 * ({@code Statement[2].Condition.StringEquals}) for structural ones.
 */
public final class PolicyParseException extends Exception {

    private final String where;
    private final String problem;

    public PolicyParseException(String where, String problem) {
        super(where + ": " + problem);
        this.where = where;
        this.problem = problem;
    }

    /** Where in the document the problem is. */
    public String where() {
        return where;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}

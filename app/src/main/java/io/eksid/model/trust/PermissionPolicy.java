package io.eksid.model.trust;

import java.util.List;
import java.util.Objects;

/**
 * A parsed permission policy document: what an identity policy, a permissions boundary or a session policy
 * says. Parsed with the same reader rules as trust policies (IAM's JSON, or the URL-encoded form IAM returns).
 */
public final class PermissionPolicy {

    private final String version;
    private final List<PermissionStatement> statements;

    public PermissionPolicy(String version, List<PermissionStatement> statements) {
        this.version = version;
        this.statements = List.copyOf(Objects.requireNonNull(statements, "statements"));
    }

    /**
     * Parses a permission policy document, raw JSON or URL-encoded (GetPolicyVersion, GetRolePolicy).
     *
     * @throws PolicyParseException with what is wrong and where, for anything IAM would reject
     */
    public static PermissionPolicy parse(String document) throws PolicyParseException {
        return PermissionPolicyReader.read(PolicyJsonReader.readDocument(document));
    }

    /** The Version element, or null when the document has none (IAM then treats it as 2008-10-17). */
    public String version() {
        return version;
    }

    public List<PermissionStatement> statements() {
        return statements;
    }

    /** Compact JSON, as sent to IAM; Statement is always a list. */
    public String toJson() {
        return PolicyWriter.compact(this);
    }

    /** JSON indented by two spaces, for display and diffs. */
    public String toPrettyJson() {
        return PolicyWriter.pretty(this);
    }

    /** Policy variables are substituted only under Version 2012-10-17; under older versions they are text. */
    public boolean supportsPolicyVariables() {
        return "2012-10-17".equals(version);
    }
}

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
        if (document == null || document.isBlank()) {
            throw new PolicyParseException("document", "the policy document is empty");
        }
        if (!IamDocumentDecoder.looksEncoded(document)) {
            return PermissionPolicyReader.read(JsonReader.read(document));
        }
        String text = IamDocumentDecoder.decode(document.strip());
        if (IamDocumentDecoder.looksEncoded(text)) {
            text = IamDocumentDecoder.decode(text.strip());
        }
        JsonNode root;
        try {
            root = JsonReader.read(text);
        } catch (PolicyParseException e) {
            throw new PolicyParseException(e.where() + " of the URL-decoded document", e.problem());
        }
        return PermissionPolicyReader.read(root);
    }

    /** The Version element, or null when the document has none (IAM then treats it as 2008-10-17). */
    public String version() {
        return version;
    }

    public List<PermissionStatement> statements() {
        return statements;
    }

    /** Policy variables are substituted only under Version 2012-10-17; under older versions they are text. */
    public boolean supportsPolicyVariables() {
        return "2012-10-17".equals(version);
    }
}

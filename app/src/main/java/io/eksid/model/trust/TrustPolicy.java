package io.eksid.model.trust;

import io.eksid.model.Arn;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, parsed role trust policy. It keeps statement order and every field, so printing it gives back
 * the same policy ({@code parse(toJson())} equals this).
 */
public final class TrustPolicy {

    private final String version;
    private final String id;
    private final List<Statement> statements;
    private final boolean statementListForm;

    /**
     * @param version           {@code 2012-10-17}, {@code 2008-10-17} or null when the document has none
     * @param id                the optional top-level Id, or null
     * @param statementListForm whether Statement is a JSON array (true) or a single object (false)
     */
    public TrustPolicy(String version, String id, List<Statement> statements, boolean statementListForm) {
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(Objects.requireNonNull(statements, "statements"));
        if (this.statements.isEmpty()) {
            throw new IllegalArgumentException("a trust policy needs at least one statement");
        }
        if (!statementListForm && this.statements.size() != 1) {
            throw new IllegalArgumentException("a single-object Statement holds exactly one statement");
        }
        this.statementListForm = statementListForm;
    }

    /**
     * Parses a trust policy document as IAM stores it, raw JSON or the URL-encoded form GetRole returns.
     *
     * @throws PolicyParseException with what is wrong and where, for anything IAM would reject
     */
    public static TrustPolicy parse(String json) throws PolicyParseException {
        return TrustPolicyReader.read(PolicyJsonReader.readDocument(json));
    }

    /**
     * Returns the JSON text of a policy document that may be URL-encoded (GetRole, ListRoles), decoded; a
     * document that is not encoded, or not validly so, comes back unchanged.
     */
    public static String decodeIamDocument(String maybeEncoded) {
        return IamDocumentDecoder.decodeIfEncoded(maybeEncoded);
    }

    /** A policy with the given statements, keeping this policy's Version and Id; statements print as a list. */
    public TrustPolicy withStatements(List<Statement> newStatements) {
        boolean listForm = statementListForm || newStatements.size() != 1;
        return new TrustPolicy(version, id, newStatements, listForm);
    }

    public List<Statement> statements() {
        return statements;
    }

    /** The Version element, or null when the document has none (IAM then treats it as 2008-10-17). */
    public String version() {
        return version;
    }

    public String id() {
        return id;
    }

    public boolean statementListForm() {
        return statementListForm;
    }

    /** Policy variables such as <code>${aws:username}</code> are only substituted under Version 2012-10-17. */
    boolean supportsPolicyVariables() {
        return "2012-10-17".equals(version);
    }

    /** Compact canonical JSON, as sent to IAM. */
    public String toJson() {
        return PolicyWriter.compact(this);
    }

    /** JSON indented by two spaces, for display and diffs. */
    public String toPrettyJson() {
        return PolicyWriter.pretty(this);
    }

    /** Every Federated principal (of any statement's Principal) that is an IAM OIDC provider ARN. */
    public Set<String> federatedOidcProviderArns() {
        Set<String> out = new LinkedHashSet<>();
        for (Statement s : statements) {
            if (s.notPrincipal()) {
                continue;
            }
            for (String f : s.principal().values("Federated")) {
                Arn.tryParse(f).filter(a -> a.service().equals("iam") && a.resource().startsWith("oidc-provider/"))
                        .ifPresent(a -> out.add(f));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustPolicy p && Objects.equals(version, p.version) && Objects.equals(id, p.id)
                && statements.equals(p.statements) && statementListForm == p.statementListForm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, id, statements, statementListForm);
    }

    @Override
    public String toString() {
        return toJson();
    }
}

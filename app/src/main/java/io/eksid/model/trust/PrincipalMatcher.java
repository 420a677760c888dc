package io.eksid.model.trust;

import io.eksid.model.Arn;
import io.eksid.model.RoleArn;
import java.util.List;

/**
 * Decides whether a statement's Principal (or NotPrincipal) names the caller (IAM docs, Principal element).
 * Principal values allow no partial wildcards: only the whole value {@code "*"}. {@code "Principal": "*"} and
 * <code>{"AWS": "*"}</code> are documented as equivalent, so both match every caller. An account
 * ({@code 123456789012} or {@code arn:<p>:iam::<acct>:root}) matches every role of that account; a role ARN
 * matches that role's sessions, path included. A principal that is a unique ID (AROA...) is what IAM shows once
 * the named role was deleted: it never matches a role that exists now.
 */
final class PrincipalMatcher {

    /** Whether the caller is named, with a fragment explaining a non-match or an undecidable one. */
    record Match(Tri result, String explanation) {
    }

    Match names(Principal p, RequestPrincipal caller) {
        if (p.wildcard()) {
            return new Match(Tri.TRUE, "Principal \"*\" names everyone");
        }
        if (p.values("AWS").contains("*")) {
            return new Match(Tri.TRUE, "Principal {\"AWS\": \"*\"} names everyone");
        }
        if (caller instanceof RequestPrincipal.Federated f) {
            boolean named = p.values("Federated").contains(f.providerArn());
            return new Match(Tri.of(named), named ? "" : notNamed(p, "Federated", caller));
        }
        if (caller instanceof RequestPrincipal.Service s) {
            boolean named = p.values("Service").stream().anyMatch(v -> v.equalsIgnoreCase(s.name()));
            return new Match(Tri.of(named), named ? "" : notNamed(p, "Service", caller));
        }
        RoleArn role = ((RequestPrincipal.Role) caller).role();
        Tri best = Tri.FALSE;
        String why = notNamed(p, "AWS", caller);
        for (String v : p.values("AWS")) {
            Tri t = awsValueNames(v, role);
            if (t == Tri.TRUE) {
                return new Match(Tri.TRUE, "");
            }
            if (t == Tri.UNKNOWN) {
                best = Tri.UNKNOWN;
                why = "its principal " + v + " is a session of that role, and the session name is not known";
            }
        }
        return new Match(best, why);
    }

    private static Tri awsValueNames(String value, RoleArn role) {
        if (value.matches("\\d{12}")) {
            return Tri.of(value.equals(role.account()));
        }
        Arn arn = Arn.tryParse(value).orElse(null);
        if (arn == null || arn.partition() != role.partition() || !arn.account().equals(role.account())) {
            return Tri.FALSE;
        }
        if (arn.service().equals("iam") && arn.resource().equals("root")) {
            return Tri.TRUE;
        }
        if (arn.service().equals("iam") && arn.resource().startsWith("role/")) {
            return RoleArn.tryParse(value)
                    .map(r -> Tri.of(r.path().equals(role.path()) && r.name().equalsIgnoreCase(role.name())))
                    .orElse(Tri.FALSE);
        }
        if (arn.service().equals("sts") && arn.resource().startsWith("assumed-role/")) {
            String[] parts = arn.resource().split("/");
            return parts.length >= 2 && parts[1].equalsIgnoreCase(role.name()) ? Tri.UNKNOWN : Tri.FALSE;
        }
        return Tri.FALSE;
    }

    private static String notNamed(Principal p, String type, RequestPrincipal caller) {
        List<String> values = p.values(type);
        if (values.isEmpty()) {
            return "its principal does not name " + caller.describe() + " (it names "
                    + String.join(", ", p.byType().keySet()) + " principals)";
        }
        return "its principal names " + type + " " + String.join(", ", values) + ", not " + caller.describe();
    }
}

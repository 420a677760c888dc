package io.eksid.ui.wizard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.RoleArn;
import java.util.Optional;
import java.util.regex.Pattern;

/** The per-field rules of a new Pod Identity association; each returns the message shown at the field, or null. */
final class AssociationFieldRules {

    // Kubernetes names: a namespace is a DNS-1123 label, a service account a DNS-1123 subdomain.
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterSnapshot snapshot;

    AssociationFieldRules(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    String namespace(String ns) {
        if (ns == null || ns.isBlank()) {
            return "Enter the namespace";
        }
        if (ns.length() > 63 || !DNS_LABEL.matcher(ns).matches()) {
            return "Not a namespace name: lower-case letters, digits and '-', at most 63, starting and ending "
                    + "with a letter or digit";
        }
        return null;
    }

    String serviceAccount(String ns, String sa) {
        if (sa == null || sa.isBlank()) {
            return "Enter or pick the service account";
        }
        if (sa.length() > 253 || !DNS_SUBDOMAIN.matcher(sa).matches()) {
            return "Not a service account name: lower-case letters, digits, '-' and '.', at most 253";
        }
        Optional<PodIdentityAssociation> existing = existing(ns, sa);
        if (existing.isPresent()) {
            return "An association already exists for " + ns + "/" + sa + " (role " + existing.get().roleArn()
                    + "); namespace and service account cannot be updated: change or delete that one";
        }
        return null;
    }

    Optional<PodIdentityAssociation> existing(String ns, String sa) {
        return snapshot.associations().stream().filter(a -> a.namespace().equals(ns)
                && a.serviceAccount().equals(sa)).findFirst();
    }

    /** The association's role must be in the cluster's account (FACTS.md, cross-account). */
    String role(String arn) {
        if (arn == null || arn.isBlank()) {
            return "Pick the role the pods get";
        }
        Optional<RoleArn> r = RoleArn.tryParse(arn.strip());
        if (r.isEmpty()) {
            return "Not a role ARN: expected arn:<partition>:iam::<12-digit account>:role/<path/>name";
        }
        if (!r.get().account().equals(snapshot.cluster().account())) {
            return "The association's role must be in the cluster's account " + snapshot.cluster().account()
                    + "; to reach a role in account " + r.get().account() + " put it in Target role ARN";
        }
        return null;
    }

    String targetRole(String arn) {
        if (arn == null || arn.isBlank()) {
            return null;
        }
        Optional<RoleArn> r = RoleArn.tryParse(arn.strip());
        if (r.isEmpty()) {
            return "Not a role ARN: expected arn:<partition>:iam::<12-digit account>:role/<path/>name";
        }
        if (r.get().partition() != snapshot.cluster().partition()) {
            return "The target role is in partition " + r.get().partition() + ", the cluster in "
                    + snapshot.cluster().partition();
        }
        return null;
    }

    /** A session policy needs session tags disabled (FACTS.md, EKS Pod Identity API). */
    String sessionPolicy(String policy, boolean disableSessionTags) {
        if (policy == null || policy.isBlank()) {
            return null;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            return "Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage();
        }
        if (doc == null || !doc.isObject() || !doc.has("Statement")) {
            return "A session policy is a JSON object with a Statement";
        }
        if (!disableSessionTags) {
            return "A session policy is only accepted with session tags disabled: tick Disable session tags";
        }
        return null;
    }
}

package io.eksid.model.access;

import io.eksid.model.Arn;
import io.eksid.model.RoleArn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The policies a role session's request also meets that this evaluation never sees (IAM docs, "Policy
 * evaluation logic"): the organization's SCPs and RCPs, VPC endpoint policies, and the resource's own policy.
 * Most of them can only take away what the role's policies allow, so they are listed as unknown; where IAM
 * <em>requires</em> an unseen policy to allow (a KMS key policy, a role's trust policy for sts:AssumeRole, any
 * resource in another account) a decision the role's policies allow is UNKNOWN.
 */
final class UnseenPolicies {

    /** Services whose resources can carry a resource-based policy that takes part in the decision. */
    private static final Set<String> RESOURCE_POLICY_SERVICES = Set.of("s3", "s3express", "kms", "sqs", "sns",
            "secretsmanager", "lambda", "ecr", "logs", "events", "glacier", "kinesis", "dynamodb", "es",
            "backup", "elasticfilesystem", "sts", "iam", "execute-api", "codeartifact", "ssm-incidents",
            "aoss", "cloudtrail", "schemas", "serverlessrepo", "mediastore", "signer");
    private static final Set<String> ASSUME_ACTIONS = Set.of("sts:assumerole", "sts:tagsession",
            "sts:assumerolewithwebidentity", "sts:assumerolewithsaml", "sts:setsourceidentity");

    private UnseenPolicies() {
    }

    static String service(String action) {
        int colon = action.indexOf(':');
        return (colon > 0 ? action.substring(0, colon) : action).toLowerCase(Locale.ROOT);
    }

    /** What is never seen and could change this request's answer. */
    static List<String> notes(String action, String resource) {
        List<String> out = new ArrayList<>();
        out.add("Service control policies (SCPs) and resource control policies (RCPs) of the organization are not"
                + " read: they can deny what the role's policies allow.");
        out.add("VPC endpoint policies are not read: a request through a VPC endpoint must also be allowed by"
                + " the endpoint's policy.");
        resourcePolicyNote(action, resource).ifPresent(out::add);
        return out;
    }

    private static Optional<String> resourcePolicyNote(String action, String resource) {
        String service = service(action);
        if (!RESOURCE_POLICY_SERVICES.contains(service)) {
            return Optional.empty();
        }
        if (service.equals("kms")) {
            return Optional.of("The KMS key policy is not read: KMS always needs the key policy to allow the"
                    + " request, directly or by delegating to IAM policies.");
        }
        if (ASSUME_ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
            return Optional.of("The trust policy of the role to assume is not part of this question: it must"
                    + " allow the request too.");
        }
        if (service.startsWith("s3")) {
            return Optional.of("The bucket policy" + bucket(resource).map(b -> " of " + b).orElse("")
                    + " (and any access point policy) is not read: it can deny this, or grant it to the role"
                    + " directly.");
        }
        return Optional.of("Resource-based policies of " + service + " are not read: the resource's own policy"
                + " can deny this, or grant it to the role directly.");
    }

    private static Optional<String> bucket(String resource) {
        return Arn.tryParse(resource).filter(a -> a.service().equals("s3") && !a.resource().isEmpty())
                .map(a -> {
                    int slash = a.resource().indexOf('/');
                    return slash < 0 ? a.resource() : a.resource().substring(0, slash);
                });
    }

    /**
     * Why an unseen policy must also allow this request, or empty when the role's policies can be enough:
     * the KMS key policy, the trust policy of a role to assume, or a resource in another account.
     */
    static Optional<String> requiredUnseenAllow(String action, String resource, RoleArn role) {
        String service = service(action);
        if (service.equals("kms")) {
            return Optional.of("KMS also needs the key policy to allow it (a key policy is always required), and"
                    + " key policies are not read");
        }
        if (ASSUME_ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
            return Optional.of("the trust policy of the role to assume must allow it too, and it is not part of"
                    + " this question");
        }
        Optional<Arn> arn = Arn.tryParse(resource);
        if (arn.isPresent() && !arn.get().account().isEmpty() && !arn.get().account().equals(role.account())
                && !arn.get().account().equals("aws")) {
            return Optional.of("the resource is in account " + arn.get().account() + ", not the role's account "
                    + role.account() + ": cross-account access also needs that account's resource policy to"
                    + " allow it, and it is not read");
        }
        return Optional.empty();
    }
}

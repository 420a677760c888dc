package io.eksid.model.findings;

import io.eksid.model.NamedPolicy;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.RolePermissions;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.graph.EffectiveIdentity;
import io.eksid.model.graph.ExpectedIdentity;
import io.eksid.model.graph.Mechanism;
import io.eksid.model.graph.NodeIds;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.model.trust.Effect;
import io.eksid.model.trust.PermissionPolicy;
import io.eksid.model.trust.PermissionStatement;
import io.eksid.model.trust.PolicyParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Findings about what the roles pods use may do (read from their permission policies):
 * <ul>
 *   <li>an identity policy allowing {@code *} on {@code *}, or {@code iam:PassRole} on {@code *} (a pod could
 *       hand any role to a service it creates: privilege escalation);</li>
 *   <li>a role shared by service accounts of several namespaces whose policies never look at the
 *       {@code kubernetes-namespace} / {@code kubernetes-service-account} session tags, so every namespace can
 *       reach every other's data (EKS UG, pod-id-abac);</li>
 *   <li>an association with {@code disableSessionTags} whose role's policies use
 *       {@code aws:PrincipalTag/kubernetes-*}: with no session tags sent, those conditions and variables can never
 *       match (unless the role itself carries such a tag).</li>
 * </ul>
 * Roles whose permissions were not read yield nothing here: the source's status says why.
 */
final class PermissionFindings {

    private static final Pattern KUBERNETES_TAG = Pattern.compile("aws:PrincipalTag/(kubernetes-[A-Za-z-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> SEPARATING_TAGS = Set.of("kubernetes-namespace", "kubernetes-service-account");

    List<Finding> find(AnalysisContext ctx) {
        List<Finding> out = new ArrayList<>();
        Map<String, TreeSet<String>> usersByRole = rolesInUse(ctx);
        for (Map.Entry<String, TreeSet<String>> e : usersByRole.entrySet()) {
            Optional<RolePermissions> perms = ctx.snapshot().rolePermissions(e.getKey());
            if (perms.isEmpty()) {
                continue;
            }
            broadGrants(perms.get(), e.getValue(), out);
            sharedWithoutAbac(perms.get(), e.getValue(), out);
        }
        sessionTagsDisabled(ctx, out);
        return out;
    }

    /** Role ARN → service accounts ({@code ns/name}) whose new pods or running pods use it. */
    private static Map<String, TreeSet<String>> rolesInUse(AnalysisContext ctx) {
        Map<String, TreeSet<String>> users = new TreeMap<>();
        for (ServiceAccountIdentity sa : ctx.graph().serviceAccounts()) {
            if (!sa.exists()) {
                continue;
            }
            List<PodInfo> pods = ctx.graph().podsOf(sa.ref());
            ExpectedIdentity expected = sa.newPod();
            if (!pods.isEmpty() && usesRole(expected.mechanism()) && expected.roleArn() != null) {
                users.computeIfAbsent(expected.roleArn(), r -> new TreeSet<>()).add(sa.ref().toString());
            }
            for (PodInfo pod : pods) {
                ctx.graph().effectiveIdentity(pod).filter(id -> usesRole(id.mechanism()) && id.roleArn() != null)
                        .map(EffectiveIdentity::roleArn)
                        .ifPresent(r -> users.computeIfAbsent(r, x -> new TreeSet<>()).add(sa.ref().toString()));
            }
        }
        return users;
    }

    private static boolean usesRole(Mechanism m) {
        return m == Mechanism.IRSA || m == Mechanism.POD_IDENTITY;
    }

    private static void broadGrants(RolePermissions perms, Set<String> users, List<Finding> out) {
        String everything = null;
        String passRole = null;
        for (NamedPolicy policy : perms.identityPolicies()) {
            Optional<PermissionPolicy> parsed = parse(policy);
            if (parsed.isEmpty()) {
                continue;
            }
            List<PermissionStatement> statements = parsed.get().statements();
            for (int i = 0; i < statements.size(); i++) {
                PermissionStatement s = statements.get(i);
                if (s.effect() != Effect.ALLOW || s.notAction() || s.notResource()
                        || !s.resources().values().contains("*")) {
                    continue;
                }
                String where = policy.name() + " Statement[" + i + "]" + (s.sid() == null || s.sid().isEmpty()
                        ? "" : " (" + s.sid() + ")");
                if (everything == null && s.actions().values().stream().anyMatch(a -> a.equals("*") || a.equals("*:*"))) {
                    everything = where;
                } else if (passRole == null && s.actions().values().stream().anyMatch(PermissionFindings::grantsPassRole)) {
                    passRole = where;
                }
            }
        }
        String usedBy = " Used by " + String.join(", ", users) + ".";
        String boundary = perms.boundary() == null ? "" : " The permissions boundary " + perms.boundary().name()
                + " may narrow it; check what it allows.";
        if (everything != null) {
            out.add(Finding.of(FindingCode.ROLE_POLICY_ALLOWS_EVERYTHING, perms.roleArn(), "Role " + perms.roleArn()
                            + " allows every action on every resource (" + everything + ")." + usedBy + boundary,
                    "Replace the policy with one that lists the actions and resources the workload calls (IAM Access "
                            + "Analyzer can generate one from the role's CloudTrail activity), or cap the role with "
                            + "a permissions boundary."));
        } else if (passRole != null) {
            out.add(Finding.of(FindingCode.ROLE_POLICY_PASSROLE_ANY, perms.roleArn(), "Role " + perms.roleArn()
                            + " allows iam:PassRole on every role (" + passRole + "): a pod can hand any role, "
                            + "administrators' included, to a service it starts." + usedBy + boundary,
                    "Restrict iam:PassRole to the role ARNs the workload passes, with an iam:PassedToService "
                            + "condition naming the service."));
        }
    }

    private static boolean grantsPassRole(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        return a.equals("iam:*") || a.equals("iam:passrole") || a.startsWith("iam:") && a.endsWith("*")
                && "iam:passrole".startsWith(a.substring(0, a.length() - 1));
    }

    private static void sharedWithoutAbac(RolePermissions perms, Set<String> users, List<Finding> out) {
        Set<String> namespaces = users.stream().map(u -> u.substring(0, u.indexOf('/'))).collect(Collectors.toCollection(TreeSet::new));
        if (namespaces.size() < 2) {
            return;
        }
        boolean separates = kubernetesTags(perms).keySet().stream().anyMatch(SEPARATING_TAGS::contains);
        if (separates) {
            return;
        }
        out.add(Finding.of(FindingCode.SHARED_ROLE_WITHOUT_ABAC, perms.roleArn(), "Role " + perms.roleArn()
                        + " is used by service accounts of " + namespaces.size() + " namespaces ("
                        + String.join(", ", users) + ") and none of its policies looks at the kubernetes-namespace "
                        + "or kubernetes-service-account session tag: each namespace may do whatever the others may.",
                "Give each namespace its own role, or use Pod Identity with session tags and scope the policy with "
                        + "${aws:PrincipalTag/kubernetes-namespace} in resource ARNs or conditions (EKS user guide, "
                        + "ABAC with Pod Identity)."));
    }

    private static void sessionTagsDisabled(AnalysisContext ctx, List<Finding> out) {
        for (PodIdentityAssociation a : ctx.snapshot().associations()) {
            if (!a.disableSessionTags()) {
                continue;
            }
            String appRole = a.targetRoleArn() != null && !a.targetRoleArn().isBlank() ? a.targetRoleArn() : a.roleArn();
            Optional<RolePermissions> perms = ctx.snapshot().rolePermissions(appRole);
            if (perms.isEmpty()) {
                continue;
            }
            Map<String, String> used = kubernetesTags(perms.get());
            used.keySet().removeIf(tag -> perms.get().roleTags().keySet().stream().anyMatch(t -> t.equalsIgnoreCase(tag)));
            if (used.isEmpty()) {
                continue;
            }
            ServiceAccountRef ref = new ServiceAccountRef(a.namespace(), a.serviceAccount());
            boolean sessionPolicy = a.policy() != null && !a.policy().isBlank();
            out.add(Finding.of(FindingCode.SESSION_TAGS_DISABLED_ABAC, NodeIds.association(a.associationId(), ref),
                    "Association " + a.associationId() + " for " + ref + " disables session tags, but role " + appRole
                            + " uses " + used.entrySet().stream().map(e -> "aws:PrincipalTag/" + e.getKey() + " ("
                            + e.getValue() + ")").collect(Collectors.joining(", "))
                            + ": no such tag is sent, so those statements can never match.",
                    (sessionPolicy ? "Remove the association's session policy (EKS accepts one only without session "
                            + "tags), then enable" : "Enable") + " session tags: aws eks update-pod-identity-association "
                            + "--cluster-name " + a.clusterName() + " --association-id " + a.associationId()
                            + " --no-disable-session-tags"));
        }
    }

    /** The {@code kubernetes-*} principal tags the role's policies use, with the first policy using each. */
    private static Map<String, String> kubernetesTags(RolePermissions perms) {
        Map<String, String> tags = new TreeMap<>();
        List<NamedPolicy> all = new ArrayList<>(perms.identityPolicies());
        if (perms.boundary() != null) {
            all.add(perms.boundary());
        }
        for (NamedPolicy p : all) {
            Matcher m = KUBERNETES_TAG.matcher(p.document());
            while (m.find()) {
                tags.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), p.name());
            }
        }
        return tags;
    }

    private static Optional<PermissionPolicy> parse(NamedPolicy policy) {
        try {
            return Optional.of(PermissionPolicy.parse(policy.document()));
        } catch (PolicyParseException e) {
            return Optional.empty();
        }
    }
}

package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.IamConstraints.require;
import static io.eksid.sandbox.aws.IamConstraints.requireArn;
import static io.eksid.sandbox.aws.IamConstraints.requireDocumentCharacters;
import static io.eksid.sandbox.aws.IamConstraints.requirePolicyPath;
import static io.eksid.sandbox.aws.IamConstraints.requireRoleName;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM state of every emulated account and the operations on it, with IAM's rules and errors
 * (model data/iam/2010-05-08). Every method holds the world lock, so concurrent writers never lose
 * an update. Role names are unique per account regardless of case, as in IAM.
 */
final class IamService {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):role(/.*/|/)([\\w+=,.@-]{1,64})");

    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}):(role|user)/(?:.*/)?([^/]+)");


    private final Object lock;
    private final Clock clock;
    private final Ids ids;
    private final Map<String, TreeMap<String, IamRoleRecord>> rolesByAccount = new HashMap<>();
    final Map<String, TreeMap<String, ManagedPolicyRecord>> localPolicies = new HashMap<>();
    private final Map<String, ManagedPolicyRecord> awsPolicies = new LinkedHashMap<>();

    IamService(Object lock, Clock clock, Ids ids) {
        this.lock = lock;
        this.clock = clock;
        this.ids = ids;
        ManagedPolicyCatalog.awsManagedPolicies().forEach(p -> awsPolicies.put(p.arn(), p));
    }

    void addAccount(String accountId) {
        synchronized (lock) {
            rolesByAccount.putIfAbsent(accountId, new TreeMap<>());
            localPolicies.putIfAbsent(accountId, new TreeMap<>());
        }
    }

    // ---- roles

    IamRoleRecord createRole(Account account, String path, String name, String trustPolicy, String description,
                             Integer maxSessionDuration, boolean seeding) {
        String p = path == null ? "/" : path;
        requireRoleName(name);
        require(p.length() <= 512 && IamConstraints.ROLE_PATH.matcher(p).matches(), p, "path",
                "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
        if (!seeding && p.startsWith("/aws-service-role/")) {
            throw AwsError.invalidInput("The path /aws-service-role/ is reserved for service-linked roles.");
        }
        require(trustPolicy != null && !trustPolicy.isEmpty(), "null", "assumeRolePolicyDocument",
                "Member must not be null");
        require(description == null || description.length() <= 1000, "...", "description",
                "Member must have length less than or equal to 1000");
        int maxSession = maxSessionDuration == null ? 3600 : maxSessionDuration;
        require(maxSession >= 3600 && maxSession <= 43200, String.valueOf(maxSession), "maxSessionDuration",
                "Member must have value between 3600 and 43200");
        synchronized (lock) {
            checkTrustPolicy(account, trustPolicy, !seeding);
            TreeMap<String, IamRoleRecord> roles = roles(account.accountId());
            IamRoleRecord existing = roles.get(key(name));
            if (existing != null) {
                throw AwsError.alreadyExists("Role with name " + existing.name() + " already exists.");
            }
            String arn = "arn:" + account.partition() + ":iam::" + account.accountId() + ":role" + p + name;
            IamRoleRecord role = new IamRoleRecord(account.accountId(), p, name, ids.roleId(), arn, clock.instant(),
                    trustPolicy, description, maxSession, List.of(), Map.of(), null, Map.of());
            roles.put(key(name), role);
            return role;
        }
    }

    IamRoleRecord getRole(String accountId, String name) {
        requireRoleName(name);
        synchronized (lock) {
            return role(accountId, name);
        }
    }

    Optional<IamRoleRecord> roleByArn(String roleArn) {
        Matcher m = ROLE_ARN.matcher(roleArn == null ? "" : roleArn);
        if (!m.matches()) {
            return Optional.empty();
        }
        synchronized (lock) {
            TreeMap<String, IamRoleRecord> roles = rolesByAccount.get(m.group(2));
            IamRoleRecord role = roles == null ? null : roles.get(key(m.group(4)));
            return Optional.ofNullable(role).filter(r -> r.path().equals(m.group(3)));
        }
    }

    static boolean isRoleArn(String arn) {
        return arn != null && ROLE_ARN.matcher(arn).matches();
    }

    /** The account and name of a role ARN, or NoSuchEntity when it names no role. */
    IamRoleRecord requireRoleByArn(String roleArn) {
        return roleByArn(roleArn).orElseThrow(() -> AwsError.noSuchEntity("The role with ARN " + roleArn + " cannot be found."));
    }

    List<IamRoleRecord> listRoles(String accountId, String pathPrefix) {
        if (pathPrefix != null) {
            require(pathPrefix.startsWith("/") && pathPrefix.length() <= 512, pathPrefix, "pathPrefix",
                    "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*");
        }
        synchronized (lock) {
            return roles(accountId).values().stream()
                    .filter(r -> pathPrefix == null || r.path().startsWith(pathPrefix))
                    .toList();
        }
    }

    void updateAssumeRolePolicy(Account account, String roleName, String document, boolean seeding) {
        requireRoleName(roleName);
        require(document != null && !document.isEmpty(), "null", "policyDocument", "Member must not be null");
        synchronized (lock) {
            IamRoleRecord role = role(account.accountId(), roleName);
            requireModifiable(role);
            checkTrustPolicy(account, document, !seeding);
            roles(account.accountId()).put(key(roleName), role.withTrustPolicy(document));
        }
    }

    void deleteRole(String accountId, String roleName) {
        requireRoleName(roleName);
        synchronized (lock) {
            IamRoleRecord role = role(accountId, roleName);
            requireModifiable(role);
            if (!role.attachedPolicyArns().isEmpty() || !role.inlinePolicies().isEmpty()) {
                throw new AwsError("DeleteConflict", 409, "Cannot delete entity, must "
                        + (role.attachedPolicyArns().isEmpty() ? "delete policies" : "detach all policies") + " first.");
            }
            roles(accountId).remove(key(roleName));
        }
    }

    // ---- managed policies

    void attachRolePolicy(String accountId, String roleName, String policyArn) {
        requireRoleName(roleName);
        requireArn(policyArn, "policyArn");
        synchronized (lock) {
            IamRoleRecord role = role(accountId, roleName);
            requireModifiable(role);
            policy(accountId, policyArn);
            if (!role.attachedPolicyArns().contains(policyArn)) {
                List<String> arns = new ArrayList<>(role.attachedPolicyArns());
                arns.add(policyArn);
                roles(accountId).put(key(roleName), role.withAttachedPolicies(arns));
            }
        }
    }

    void detachRolePolicy(String accountId, String roleName, String policyArn) {
        requireRoleName(roleName);
        requireArn(policyArn, "policyArn");
        synchronized (lock) {
            IamRoleRecord role = role(accountId, roleName);
            requireModifiable(role);
            if (!role.attachedPolicyArns().contains(policyArn)) {
                throw AwsError.noSuchEntity("Policy " + policyArn + " was not found.");
            }
            List<String> arns = new ArrayList<>(role.attachedPolicyArns());
            arns.remove(policyArn);
            roles(accountId).put(key(roleName), role.withAttachedPolicies(arns));
        }
    }

    List<ManagedPolicyRecord> listAttachedRolePolicies(String accountId, String roleName, String pathPrefix) {
        requireRoleName(roleName);
        requirePolicyPath(pathPrefix);
        synchronized (lock) {
            return role(accountId, roleName).attachedPolicyArns().stream()
                    .map(arn -> policy(accountId, arn))
                    .filter(p -> pathPrefix == null || p.path().startsWith(pathPrefix))
                    .toList();
        }
    }

    /** ListPolicies: Scope All (default), AWS or Local; OnlyAttached; PathPrefix. AWS policies come first. */
    List<ManagedPolicyRecord> listPolicies(String accountId, String scope, boolean onlyAttached, String pathPrefix) {
        String s = scope == null ? "All" : scope;
        if (!List.of("All", "AWS", "Local").contains(s)) {
            throw AwsError.validation("1 validation error detected: Value '" + s
                    + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }
        requirePolicyPath(pathPrefix);
        synchronized (lock) {
            List<ManagedPolicyRecord> all = new ArrayList<>();
            if (!s.equals("Local")) {
                all.addAll(awsPolicies.values());
            }
            if (!s.equals("AWS")) {
                all.addAll(localPolicies.get(accountId).values());
            }
            return all.stream()
                    .filter(p -> pathPrefix == null || p.path().startsWith(pathPrefix))
                    .filter(p -> !onlyAttached || attachmentCount(accountId, p.arn()) > 0)
                    .toList();
        }
    }

    int attachmentCount(String accountId, String policyArn) {
        synchronized (lock) {
            return (int) roles(accountId).values().stream().filter(r -> r.attachedPolicyArns().contains(policyArn)).count();
        }
    }

    ManagedPolicyRecord getPolicy(String accountId, String policyArn) {
        requireArn(policyArn, "policyArn");
        synchronized (lock) {
            return policy(accountId, policyArn);
        }
    }

    ManagedPolicyRecord createPolicy(Account account, String path, String name, String document, String description) {
        String p = path == null ? "/" : path;
        require(name != null && IamConstraints.POLICY_NAME.matcher(name).matches(), String.valueOf(name), "policyName",
                "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        requirePolicyPath(p);
        requireDocumentCharacters(document, "policyDocument");
        PolicyDocuments.validatePermissionsPolicy(document);
        synchronized (lock) {
            String arn = "arn:" + account.partition() + ":iam::" + account.accountId() + ":policy" + p + name;
            TreeMap<String, ManagedPolicyRecord> local = localPolicies.get(account.accountId());
            if (local.values().stream().anyMatch(x -> x.name().equalsIgnoreCase(name))) {
                throw AwsError.alreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            ManagedPolicyRecord policy = new ManagedPolicyRecord(arn, p, name, ids.policyId(), "v1", description,
                    clock.instant(), clock.instant(),
                    List.of(new ManagedPolicyRecord.PolicyVersion("v1", document, clock.instant())), false);
            local.put(arn, policy);
            return policy;
        }
    }

    int boundaryUsageCount(String accountId, String policyArn) {
        synchronized (lock) {
            return (int) roles(accountId).values().stream()
                    .filter(r -> policyArn.equals(r.permissionsBoundaryArn())).count();
        }
    }

    // ---- inline policies

    void putRolePolicy(String accountId, String roleName, String policyName, String document) {
        requireRoleName(roleName);
        require(policyName != null && IamConstraints.POLICY_NAME.matcher(policyName).matches(), String.valueOf(policyName),
                "policyName", "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        require(document != null && !document.isEmpty(), "null", "policyDocument", "Member must not be null");
        requireDocumentCharacters(document, "policyDocument");
        PolicyDocuments.validatePermissionsPolicy(document);
        synchronized (lock) {
            IamRoleRecord role = role(accountId, roleName);
            requireModifiable(role);
            Map<String, String> inline = new TreeMap<>(role.inlinePolicies());
            inline.put(policyName, document);
            roles(accountId).put(key(roleName), role.withInlinePolicies(inline));
        }
    }

    String getRolePolicy(String accountId, String roleName, String policyName) {
        requireRoleName(roleName);
        synchronized (lock) {
            String doc = role(accountId, roleName).inlinePolicies().get(policyName);
            if (doc == null) {
                throw AwsError.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
            }
            return doc;
        }
    }

    List<String> listRolePolicies(String accountId, String roleName) {
        requireRoleName(roleName);
        synchronized (lock) {
            return new ArrayList<>(new TreeMap<>(role(accountId, roleName).inlinePolicies()).keySet());
        }
    }

    void deleteRolePolicy(String accountId, String roleName, String policyName) {
        requireRoleName(roleName);
        synchronized (lock) {
            IamRoleRecord role = role(accountId, roleName);
            requireModifiable(role);
            if (!role.inlinePolicies().containsKey(policyName)) {
                throw AwsError.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
            }
            Map<String, String> inline = new TreeMap<>(role.inlinePolicies());
            inline.remove(policyName);
            roles(accountId).put(key(roleName), role.withInlinePolicies(inline));
        }
    }

    // ---- helpers

    /**
     * The checks of CreateRole and UpdateAssumeRolePolicy. With {@code checkPrincipals}, an AWS principal
     * naming a role or user of an emulated account must exist, as IAM resolves such ARNs when it stores
     * the policy; seeding skips that so scenarios may create roles that trust each other in any order.
     */
    private void checkTrustPolicy(Account account, String document, boolean checkPrincipals) {
        requireDocumentCharacters(document, "policyDocument");
        PolicyDocuments.validateTrustPolicy(document);
        // IAM measures the document without white space against the per-account quota (FACTS.md, IAM).
        if (PolicyDocuments.nonWhitespaceLength(document) > account.trustPolicyQuota()) {
            throw AwsError.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + account.trustPolicyQuota());
        }
        if (checkPrincipals) {
            for (String principal : PolicyDocuments.awsPrincipals(document)) {
                if (!principalExists(principal)) {
                    throw AwsError.malformedPolicy("Invalid principal in policy: \"AWS\":\"" + principal + "\"");
                }
            }
        }
    }

    private boolean principalExists(String principal) {
        Matcher m = PRINCIPAL_ARN.matcher(principal);
        if (!m.matches() || !rolesByAccount.containsKey(m.group(1))) {
            return true; // an account id, "*", a root ARN or an account outside the sandbox
        }
        return switch (m.group(2)) {
            case "role" -> roleByArn(principal).isPresent();
            case "user" -> m.group(3).equals(Account.CALLER_USER_NAME);
            default -> true;
        };
    }

    static void requireModifiable(IamRoleRecord role) {
        if (role.serviceLinked()) {
            throw AwsError.unmodifiable("Cannot perform the operation on the protected role '" + role.name()
                    + "' - this role is only modifiable by AWS");
        }
    }

    /** Call with the lock held. */
    IamRoleRecord role(String accountId, String name) {
        IamRoleRecord role = roles(accountId).get(key(name));
        if (role == null) {
            throw AwsError.noSuchEntity("The role with name " + name + " cannot be found.");
        }
        return role;
    }

    /** Call with the lock held. */
    ManagedPolicyRecord policy(String accountId, String arn) {
        ManagedPolicyRecord p = awsPolicies.get(arn);
        if (p == null) {
            p = localPolicies.get(accountId).get(arn);
        }
        if (p == null) {
            throw AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
        }
        return p;
    }

    /** Replaces a stored role by its (case-insensitive) name; call with the lock held. */
    void replaceRole(IamRoleRecord role) {
        roles(role.accountId()).put(key(role.name()), role);
    }

    /** The AWS managed policies and this account's own, in that order; call with the lock held. */
    List<ManagedPolicyRecord> managedPolicies(String accountId) {
        List<ManagedPolicyRecord> all = new ArrayList<>(awsPolicies.values());
        all.addAll(localPolicies.get(accountId).values());
        return all;
    }

    Object lock() {
        return lock;
    }

    java.time.Clock clock() {
        return clock;
    }

    private TreeMap<String, IamRoleRecord> roles(String accountId) {
        TreeMap<String, IamRoleRecord> roles = rolesByAccount.get(accountId);
        if (roles == null) {
            throw new IllegalStateException("no account " + accountId);
        }
        return roles;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

}

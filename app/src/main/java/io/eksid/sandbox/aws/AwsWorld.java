package io.eksid.sandbox.aws;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory state of the emulated AWS accounts: IAM roles, policies and OIDC providers; EKS
 * clusters, Pod Identity associations and add-ons. Thread-safe: every change happens under one lock,
 * so concurrent callers (HTTP requests, seeding, the simulated webhook) never lose an update.
 *
 * <p>The seeding methods apply the same rules as the API and throw {@link AwsError} with the error
 * the API would return; unknown clusters or accounts are programming errors of the scenario and
 * throw {@link IllegalArgumentException}.
 */
public final class AwsWorld {

    /** Default "Role trust policy length" quota (FACTS.md, IAM). */
    public static final int DEFAULT_TRUST_POLICY_QUOTA = 2048;

    private final Object lock = new Object();
    private final Map<String, Account> accountsById = new ConcurrentHashMap<>();
    private final Map<String, Account> accountsByAccessKey = new ConcurrentHashMap<>();
    private final IamService iam;
    private final IamPermissions iamPermissions;
    private final OidcProviders oidc;
    private final StsSessions sessions;
    private final EksService eks;
    private final AddonService addons;
    private final FaultPlan faults = new FaultPlan();
    private final Clock clock;

    public AwsWorld() {
        this(Clock.systemUTC());
    }

    public AwsWorld(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Ids ids = new Ids();
        this.iam = new IamService(lock, clock, ids);
        this.iamPermissions = new IamPermissions(iam);
        this.oidc = new OidcProviders(lock, clock);
        this.sessions = new StsSessions(clock);
        this.eks = new EksService(lock, clock, ids, iam);
        this.addons = new AddonService(lock, clock, ids, eks);
    }

    // ---- accounts

    public Account addAccount(String accountId, String accessKeyId, String secretAccessKey, int trustPolicyQuota) {
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("an AWS account id has 12 digits, got " + accountId);
        }
        if (accessKeyId == null || accessKeyId.length() < 16) {
            throw new IllegalArgumentException("access key id must have at least 16 characters");
        }
        Account account = new Account(accountId, accessKeyId, secretAccessKey, DEFAULT_TRUST_POLICY_QUOTA);
        account.setTrustPolicyQuota(trustPolicyQuota);
        synchronized (lock) {
            if (accountsById.containsKey(accountId)) {
                throw new IllegalArgumentException("account " + accountId + " already exists");
            }
            if (accountsByAccessKey.containsKey(accessKeyId)) {
                throw new IllegalArgumentException("access key " + accessKeyId + " already belongs to an account");
            }
            accountsById.put(accountId, account);
            accountsByAccessKey.put(accessKeyId, account);
            iam.addAccount(accountId);
        }
        return account;
    }

    public Account addAccount(String accountId, String accessKeyId, String secretAccessKey) {
        return addAccount(accountId, accessKeyId, secretAccessKey, DEFAULT_TRUST_POLICY_QUOTA);
    }

    public Account account(String accountId) {
        Account a = accountsById.get(accountId);
        if (a == null) {
            throw new IllegalArgumentException("no account " + accountId + " in the sandbox");
        }
        return a;
    }

    public List<Account> accounts() {
        return List.copyOf(accountsById.values());
    }

    /** The account an access key belongs to: how every request finds its account. */
    public Optional<Account> accountForAccessKey(String accessKeyId) {
        return Optional.ofNullable(accessKeyId).map(accountsByAccessKey::get);
    }

    // ---- EKS clusters

    public void addCluster(String accountId, String region, String name, String version, String platformVersion,
                           String oidcIssuerUrl, String apiServerEndpoint, boolean autoMode) {
        Account account = account(accountId);
        Objects.requireNonNull(region, "region");
        if (name == null || !name.matches("[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}")) {
            throw new IllegalArgumentException("invalid EKS cluster name: " + name);
        }
        String arn = "arn:" + EksService.partitionOf(region) + ":eks:" + region + ":" + account.accountId() + ":cluster/" + name;
        eks.addCluster(new ClusterRecord(accountId, region, name, arn, version, platformVersion, oidcIssuerUrl,
                apiServerEndpoint, autoMode, clock.instant(), null));
    }

    /** The Kubernetes side learns its URL only once it has started. */
    public void setClusterEndpoint(String clusterName, String apiServerEndpoint) {
        eks.setClusterEndpoint(clusterName, apiServerEndpoint);
    }

    /**
     * The API server's CA (base64 of the PEM), as DescribeCluster's {@code certificateAuthority.data}
     * returns it; {@code aws eks update-kubeconfig} needs it to write a kubeconfig.
     */
    public void setClusterCertificateAuthority(String clusterName, String base64Pem) {
        eks.updateCluster(clusterName, c -> c.withCertificateAuthority(base64Pem));
    }

    public ClusterRecord cluster(String clusterName) {
        return eks.seeded(clusterName);
    }

    public List<ClusterRecord> clusters() {
        return eks.clusters();
    }

    // ---- IAM

    /**
     * Creates a role with CreateRole's checks, except two that would get in a scenario's way:
     * service-linked paths ({@code /aws-service-role/}) are allowed, and AWS principals in the trust
     * policy need not exist yet (so roles may trust each other in any order).
     */
    public String createRole(String accountId, String path, String name, String trustPolicyJson, String description) {
        return iam.createRole(account(accountId), path, name, trustPolicyJson, description, null, true).arn();
    }

    public void attachRolePolicy(String roleArn, String policyArn) {
        IamRoleRecord role = iam.requireRoleByArn(roleArn);
        iam.attachRolePolicy(role.accountId(), role.name(), policyArn);
    }

    public void putRolePolicy(String roleArn, String policyName, String policyDocument) {
        IamRoleRecord role = iam.requireRoleByArn(roleArn);
        iam.putRolePolicy(role.accountId(), role.name(), policyName, policyDocument);
    }

    /** Sets a role's permissions boundary (PutRolePermissionsBoundary); the policy must exist. */
    public void putRolePermissionsBoundary(String roleArn, String policyArn) {
        IamRoleRecord role = iam.requireRoleByArn(roleArn);
        iamPermissions.putRolePermissionsBoundary(role.accountId(), role.name(), policyArn);
    }

    /** Adds or replaces role tags (TagRole). */
    public void tagRole(String roleArn, Map<String, String> tags) {
        IamRoleRecord role = iam.requireRoleByArn(roleArn);
        iamPermissions.tagRole(role.accountId(), role.name(), tags);
    }

    /** A new version of a customer-managed policy (CreatePolicyVersion); returns its version id. */
    public String createPolicyVersion(String policyArn, String policyDocument, boolean setAsDefault) {
        String accountId = policyArn.split(":")[4];
        return iamPermissions.createPolicyVersion(Caller.user(account(accountId), "us-east-1"), policyArn,
                policyDocument, setAsDefault).versionId();
    }

    /** Replaces a role's trust policy with UpdateAssumeRolePolicy's checks. */
    public void updateAssumeRolePolicy(String roleArn, String trustPolicyJson) {
        IamRoleRecord role = iam.requireRoleByArn(roleArn);
        iam.updateAssumeRolePolicy(account(role.accountId()), role.name(), trustPolicyJson, true);
    }

    /** A customer-managed policy (ListPolicies Scope=Local); returns its ARN. */
    public String createPolicy(String accountId, String path, String name, String policyDocument, String description) {
        return iam.createPolicy(account(accountId), path, name, policyDocument, description).arn();
    }

    public Optional<IamRoleRecord> role(String roleArn) {
        return iam.roleByArn(roleArn);
    }

    public List<IamRoleRecord> roles(String accountId) {
        return iam.listRoles(account(accountId).accountId(), null);
    }

    public String addOidcProvider(String accountId, String url, List<String> clientIds, List<String> thumbprints) {
        return oidc.addOidcProvider(account(accountId), url, clientIds, thumbprints).arn();
    }

    public List<OidcProviderRecord> oidcProviders(String accountId) {
        return oidc.listOidcProviders(account(accountId).accountId());
    }

    // ---- Pod Identity associations

    /** Creates an association with CreatePodIdentityAssociation's checks; returns its id. */
    public String createPodIdentityAssociation(String clusterName, String namespace, String serviceAccount,
                                               String roleArn, String targetRoleArn, boolean disableSessionTags,
                                               String ownerArn) {
        return createPodIdentityAssociation(clusterName, namespace, serviceAccount, roleArn, targetRoleArn,
                disableSessionTags, null, ownerArn);
    }

    /** As above, with a session policy (EKS accepts one only with {@code disableSessionTags}). */
    public String createPodIdentityAssociation(String clusterName, String namespace, String serviceAccount,
                                               String roleArn, String targetRoleArn, boolean disableSessionTags,
                                               String sessionPolicy, String ownerArn) {
        ClusterRecord cluster = eks.seeded(clusterName);
        return eks.createAssociation(cluster, new EksService.AssociationSpec(namespace, serviceAccount, roleArn,
                targetRoleArn, disableSessionTags, sessionPolicy, null), null, ownerArn).associationId();
    }

    /** Deletes an association as DeletePodIdentityAssociation would (add-on owned ones included). */
    public void deletePodIdentityAssociation(String clusterName, String associationId) {
        eks.deleteAssociation(eks.seeded(clusterName), associationId, true);
    }

    /** The simulated pod-identity webhook asks this when a pod is created. */
    public boolean hasPodIdentityAssociation(String clusterName, String namespace, String serviceAccount) {
        return eks.find(clusterName, namespace, serviceAccount).isPresent();
    }

    public Optional<PodIdentityAssociationRecord> podIdentityAssociation(String clusterName, String namespace,
                                                                         String serviceAccount) {
        return eks.find(clusterName, namespace, serviceAccount);
    }

    public List<PodIdentityAssociationRecord> podIdentityAssociations(String clusterName) {
        eks.seeded(clusterName);
        return eks.listAssociations(clusterName, null, null);
    }

    // ---- add-ons

    /** Installs an add-on in the given status (e.g. ACTIVE, DEGRADED, CREATING) and tells the listeners. */
    public void createAddon(String clusterName, String addonName, String version, String status,
                            String serviceAccountRoleArn) {
        addons.create(eks.seeded(clusterName), addonName, version, status == null ? "ACTIVE" : status,
                serviceAccountRoleArn, List.of());
    }

    public Optional<AddonRecord> addon(String clusterName, String addonName) {
        try {
            return Optional.of(addons.describe(eks.seeded(clusterName), addonName));
        } catch (AwsError notFound) {
            return Optional.empty();
        }
    }

    public void addAddonListener(AddonListener listener) {
        addons.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** How long an add-on stays CREATING/UPDATING after an API call before it reads ACTIVE (default: none). */
    public void setAddonActivationDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        addons.setActivationDelay(delay);
    }

    public FaultPlan faults() {
        return faults;
    }

    private final Map<String, java.util.concurrent.atomic.LongAdder> received = new ConcurrentHashMap<>();

    /** Signed requests received for {@code service} ("eks", "iam", "sts") so far, throttled and failed ones too. */
    public long requestsReceived(String service) {
        var n = received.get(service);
        return n == null ? 0 : n.sum();
    }

    void received(String service) {
        received.computeIfAbsent(service, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    // ---- for the wire layer

    IamService iam() {
        return iam;
    }

    IamPermissions iamPermissions() {
        return iamPermissions;
    }

    OidcProviders oidc() {
        return oidc;
    }

    StsSessions sessions() {
        return sessions;
    }

    EksService eks() {
        return eks;
    }

    AddonService addons() {
        return addons;
    }
}

package io.eksid.sandbox.scenario;

import java.util.List;
import java.util.Map;

/**
 * Where a scenario writes its world. Calls arrive in scenario order, and order matters: pods created before an
 * association keep the credentials the webhook gave them at creation, which is how stale pods are seeded.
 * The sandbox facade forwards each call to the AWS world or the simulated cluster; tests can record them.
 */
public interface ScenarioSink {

    /** An AWS account with the static keys of its sandbox profile and its trust-policy length quota. */
    void account(String accountId, String accessKeyId, String secretKey, int trustPolicyQuota);

    /** An EKS cluster in the AWS world and its Kubernetes API in the simulated server. */
    void cluster(String accountId, String region, String name, String version, String platformVersion,
                 String oidcIssuerUrl, boolean autoMode);

    /** An IAM role; {@code path} is {@code /} or {@code /teams/payments/}. Returns the role ARN. */
    String role(String accountId, String path, String name, String trustPolicyJson, String description);

    void attachRolePolicy(String roleArn, String policyArn);

    void putRolePolicy(String roleArn, String policyName, String policyJson);

    /** A customer-managed IAM policy; {@code path} is {@code /} or {@code /abac/}. Returns the policy ARN. */
    String managedPolicy(String accountId, String path, String name, String policyJson, String description);

    /** Sets a role's permissions boundary to a managed policy. */
    void permissionsBoundary(String roleArn, String policyArn);

    /** Adds tags to a role (a Pod Identity session tag with the same key overrides one as a principal tag). */
    void tagRole(String roleArn, Map<String, String> tags);

    /** An IAM OIDC identity provider for a cluster issuer. Returns the provider ARN. */
    String oidcProvider(String accountId, String issuerUrl, List<String> clientIds, List<String> thumbprints);

    /** An EKS Pod Identity association; {@code targetRoleArn} and {@code ownerArn} may be null. Returns its id. */
    String association(String cluster, String namespace, String serviceAccount, String roleArn,
                       String targetRoleArn, boolean disableSessionTags, String ownerArn);

    /**
     * An EKS Pod Identity association with a session policy; EKS accepts one only with session tags disabled, so
     * this association sends none. Returns its id.
     */
    String associationWithSessionPolicy(String cluster, String namespace, String serviceAccount, String roleArn,
                                        String sessionPolicyJson);

    /** An EKS add-on; {@code serviceAccountRoleArn} may be null. Returns the add-on ARN. */
    String addon(String cluster, String name, String version, String status, String serviceAccountRoleArn);

    void namespace(String cluster, String name, Map<String, String> labels);

    void serviceAccount(String cluster, String namespace, String name, Map<String, String> annotations);

    void node(String cluster, String name, Map<String, String> labels);

    /** A Deployment, StatefulSet or DaemonSet and its pods ({@code replicas} is ignored for DaemonSets). */
    void workload(String cluster, WorkloadKind kind, String namespace, String name, String serviceAccount,
                  int replicas, PodTemplate template);
}

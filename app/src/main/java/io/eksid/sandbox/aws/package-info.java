/**
 * The AWS half of the sandbox: an emulator of the EKS, IAM and STS APIs the console uses, speaking
 * their real wire protocols so the unmodified AWS SDKs and the {@code aws} CLI work against it.
 *
 * <ul>
 *   <li>{@link io.eksid.sandbox.aws.AwsWorld} holds the accounts, roles, policies, OIDC providers,
 *       clusters, Pod Identity associations and add-ons, and is how scenarios seed them.</li>
 *   <li>{@link io.eksid.sandbox.aws.AwsEmulator} serves one HTTP endpoint on 127.0.0.1. A request is
 *       routed by the service in its SigV4 credential scope and runs in the account whose access key
 *       signed it (or, for AssumeRole session keys, the role's account). Signatures are not verified.</li>
 *   <li>{@link io.eksid.sandbox.aws.FaultPlan} injects throttling, rate limits, latency and 5xx
 *       errors per service; its class comment documents the {@code --faults} syntax.</li>
 * </ul>
 *
 * <p>Operations: EKS ListClusters, DescribeCluster, List/Describe/Create/Update/DeletePodIdentityAssociation,
 * ListAddons, DescribeAddon, CreateAddon, UpdateAddon, DeleteAddon, DescribeUpdate (add-on updates),
 * DescribeAddonConfiguration; IAM GetRole, ListRoles, CreateRole, DeleteRole, UpdateAssumeRolePolicy,
 * Attach/DetachRolePolicy, ListAttachedRolePolicies, ListPolicies, GetPolicy, Put/Get/Delete/ListRolePolicies,
 * List/Get/CreateOpenIDConnectProvider(s); STS GetCallerIdentity, AssumeRole. Errors carry the codes,
 * HTTP statuses and shapes of the real services, so the SDKs raise their modelled exception types.
 *
 * <p>This package shares no code with the rest of the application: it is the independent counterpart
 * the application's own wire and trust handling is tested against.
 */
package io.eksid.sandbox.aws;

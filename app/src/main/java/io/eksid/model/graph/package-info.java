/**
 * The identity graph: who gets which AWS role in one cluster, derived from a
 * {@link io.eksid.model.ClusterSnapshot} by {@link io.eksid.model.graph.IdentityGraphBuilder}.
 *
 * <p>Choices an admin (and the UI) can rely on:
 * <ul>
 *   <li>Node ids are built from names and ARNs only ({@link io.eksid.model.graph.NodeIds}), so they are stable
 *       between snapshots. Things referenced but absent (a pod's service account, an association's namespace, an
 *       annotated role) become placeholder nodes with {@code exists == false}.</li>
 *   <li>Pod Identity goes through an association node: service account → association → role, and association →
 *       target role for cross-account chaining. The service account → association edge says whether the
 *       association can serve pods at all (namespace and service account exist, agent present); the association →
 *       role edge carries the trust verdict.</li>
 *   <li>Mapping edges carry {@link io.eksid.model.graph.EdgeStatus}: OK, BROKEN (trust denies, role does not exist,
 *       OIDC provider missing, malformed ARN, association role outside the cluster's account), SHADOWED (an IRSA
 *       annotation next to an association: Pod Identity wins) or UNPROVABLE (role unreadable or not read, a trust
 *       policy that does not parse, conditions the evaluator cannot decide). An unreadable role is UNPROVABLE, not
 *       BROKEN: roles in other accounts are often unreadable and work fine.</li>
 *   <li>A role listed in {@link io.eksid.model.ClusterSnapshot#unreadableRoles()} with a reason containing
 *       {@code NoSuchEntity} is treated as missing (GetRole's error for a role that does not exist).</li>
 *   <li>A pod's {@link io.eksid.model.graph.EffectiveIdentity} comes from the variables it was created with; it is
 *       stale exactly when its mechanism or role differs from what a new pod of the same service account on the
 *       same kind of node would get ({@link io.eksid.model.graph.ServiceAccountIdentity#expectedFor}).</li>
 * </ul>
 */
package io.eksid.model.graph;

package io.eksid.kube;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the current credentials may do: list/watch per kind cluster-wide, and the writes a conversion needs.
 * Missing permissions degrade the console (namespaces fall back, writes are disabled), they never fail it.
 */
public record RbacReport(List<AccessCheck> checks, Map<WatchedKind, Boolean> clusterWideRead) {

    public RbacReport {
        checks = List.copyOf(checks);
        clusterWideRead = Map.copyOf(clusterWideRead);
    }

    /** True when list and watch of this kind are allowed in every namespace. */
    public boolean canReadClusterWide(WatchedKind kind) {
        return clusterWideRead.getOrDefault(kind, Boolean.TRUE);
    }

    /** True when every watched kind can be listed and watched in every namespace: no fallback is needed. */
    public boolean canReadEveryKindClusterWide() {
        return clusterWideRead.values().stream().allMatch(Boolean::booleanValue);
    }

    /** True when the checked verb is allowed on the resource (cluster-wide or in the namespace checked). */
    public boolean allowed(String verb, String resource) {
        return checks.stream().filter(c -> c.verb().equals(verb) && c.resource().equals(resource))
                .allMatch(AccessCheck::allowed);
    }

    public List<AccessCheck> missing() {
        return checks.stream().filter(c -> !c.allowed()).toList();
    }

    public boolean canWrite() {
        return checks.stream().filter(c -> c.verb().equals("patch")).allMatch(AccessCheck::allowed);
    }

    /** {@code "list pods (cluster-wide), patch apps/deployments (cluster-wide)"}, or empty. */
    public String missingSummary() {
        return String.join(", ", missing().stream().map(AccessCheck::describe).toList());
    }

    public static RbacReport allAllowed() {
        return new RbacReport(List.of(), Map.of());
    }

    public AccessCheck check(String verb, String resource) {
        return checks.stream().filter(c -> c.verb().equals(verb) && Objects.equals(c.resource(), resource))
                .findFirst().orElse(null);
    }
}

package io.eksid.kube;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Asks the API server, with SelfSubjectAccessReview, what the current identity may do before anything is
 * watched or written: list+watch of every {@link WatchedKind} cluster-wide, and patch of service accounts and
 * the restartable workload kinds. Also answers per-namespace questions for the namespace fallback.
 */
public final class RbacPreflight {

    /** The writes a conversion performs: annotate service accounts, rollout-restart workloads. */
    static final List<String[]> WRITES = List.of(
            new String[] {"", "serviceaccounts"}, new String[] {"apps", "deployments"},
            new String[] {"apps", "statefulsets"}, new String[] {"apps", "daemonsets"});

    private final KubernetesClient client;

    public RbacPreflight(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    public RbacReport check() {
        List<AccessCheck> checks = new ArrayList<>();
        Map<WatchedKind, Boolean> read = new EnumMap<>(WatchedKind.class);
        for (WatchedKind kind : WatchedKind.values()) {
            AccessCheck list = review("list", kind.group(), kind.resource(), null);
            AccessCheck watch = review("watch", kind.group(), kind.resource(), null);
            checks.add(list);
            checks.add(watch);
            read.put(kind, list.allowed() && watch.allowed());
        }
        for (String[] w : WRITES) {
            checks.add(review("patch", w[0], w[1], null));
        }
        return new RbacReport(checks, read);
    }

    /**
     * Where to look when a kind is forbidden cluster-wide: the namespaces the user named; else, when namespaces
     * can be listed, the first {@code max} of them; else the context's default namespace.
     */
    public List<String> fallbackNamespaces(List<String> named, String defaultNamespace, int max) {
        if (named != null && !named.isEmpty()) {
            return List.copyOf(named);
        }
        try {
            List<String> all = client.namespaces().list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                    .withLimit((long) max).build()).getItems().stream().map(n -> n.getMetadata().getName()).toList();
            if (!all.isEmpty()) {
                return all;
            }
        } catch (RuntimeException e) {
            // namespaces cannot be listed: the context's default namespace is all we know
        }
        return List.of(defaultNamespace);
    }

    /** True when list and watch of the kind are allowed in this namespace. */
    public boolean canRead(WatchedKind kind, String namespace) {
        return review("list", kind.group(), kind.resource(), namespace).allowed()
                && review("watch", kind.group(), kind.resource(), namespace).allowed();
    }

    /** The namespaces among {@code candidates} where the kind can be listed and watched. */
    public List<String> readableNamespaces(WatchedKind kind, List<String> candidates) {
        return candidates.stream().filter(ns -> canRead(kind, ns)).toList();
    }

    public AccessCheck review(String verb, String group, String resource, String namespace) {
        SelfSubjectAccessReview request = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(resource)
                .withNamespace(namespace).endResourceAttributes().endSpec().build();
        try {
            SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(request);
            boolean allowed = answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
            String reason = answer.getStatus() == null ? "" : Objects.toString(answer.getStatus().getReason(), "");
            return new AccessCheck(verb, group, resource, namespace, allowed, reason);
        } catch (RuntimeException e) {
            // Unknown: assume allowed and let the watch itself report FORBIDDEN if it is not.
            KubeException k = KubeErrors.classify("review access", e);
            return new AccessCheck(verb, group, resource, namespace, true, "not checked: " + k.getMessage());
        }
    }
}

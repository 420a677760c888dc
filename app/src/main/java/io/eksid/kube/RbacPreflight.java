package io.eksid.kube;

import io.eksid.model.concurrent.ParallelReads;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

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

    /** Reviews in flight at once: some 22 are asked before the first watch, each a round trip to the API server. */
    static final int CONCURRENT_REVIEWS = 6;

    private final KubernetesClient client;
    private final ParallelReads reviews;

    /** Reviews asked one after the other on the calling thread. */
    public RbacPreflight(KubernetesClient client) {
        this(client, Runnable::run);
    }

    /**
     * Reviews shared between the calling thread and helpers run by {@code helpers}; the calling thread answers
     * questions itself, so the check ends even when the executor runs none of them.
     */
    public RbacPreflight(KubernetesClient client, Executor helpers) {
        this.client = Objects.requireNonNull(client, "client");
        this.reviews = new ParallelReads("kubernetes", helpers, CONCURRENT_REVIEWS);
    }

    public RbacReport check() {
        List<String[]> questions = new ArrayList<>();
        for (WatchedKind kind : WatchedKind.values()) {
            questions.add(new String[] {"list", kind.group(), kind.resource()});
            questions.add(new String[] {"watch", kind.group(), kind.resource()});
        }
        for (String[] w : WRITES) {
            questions.add(new String[] {"patch", w[0], w[1]});
        }
        List<AccessCheck> checks = answers(questions);
        Map<WatchedKind, Boolean> read = new EnumMap<>(WatchedKind.class);
        int i = 0;
        for (WatchedKind kind : WatchedKind.values()) {
            read.put(kind, checks.get(i).allowed() && checks.get(i + 1).allowed());
            i += 2;
        }
        return new RbacReport(checks, read);
    }

    /** The reviews of {@code questions}, in their order, {@link #CONCURRENT_REVIEWS} at a time. */
    private List<AccessCheck> answers(List<String[]> questions) {
        List<ParallelReads.Outcome<String[], AccessCheck>> outcomes;
        try {
            outcomes = reviews.readAll(questions, q -> review(q[0], q[1], q[2], null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while reviewing access", e);
        }
        List<AccessCheck> answers = new ArrayList<>(outcomes.size());
        for (ParallelReads.Outcome<String[], AccessCheck> o : outcomes) {
            String[] q = o.item();
            // review() answers every failure itself; anything else is unknown, counted as allowed as review() does
            answers.add(o.failed() ? new AccessCheck(q[0], q[1], q[2], null, true, "not checked: " + o.failure())
                    : o.value());
        }
        return answers;
    }

    /**
     * The fallback namespaces {@code rbac} calls for: none when every kind can be read cluster-wide (listing
     * namespaces would cost a round trip before the first watch for nothing), else {@link #fallbackNamespaces}
     * with no namespaces named.
     */
    public List<String> fallbackFor(RbacReport rbac, String defaultNamespace, int max) {
        return rbac.canReadEveryKindClusterWide() ? List.of() : fallbackNamespaces(List.of(), defaultNamespace, max);
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

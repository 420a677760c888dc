package io.eksid.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.kube.lean.LeanPod;
import io.eksid.kube.lean.LeanPodList;
import io.eksid.kube.lean.LeanReplicaSet;
import io.eksid.kube.lean.LeanReplicaSetList;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The console's only Kubernetes writes, each answered with the server's result: annotate or un-annotate a service
 * account (JSON merge patch, touching nothing else), and rollout restart a Deployment, StatefulSet or DaemonSet the
 * way {@code kubectl rollout restart} does (a {@code kubectl.kubernetes.io/restartedAt} pod-template annotation).
 * Plus the reads that verify them. Errors become {@link KubeException}s naming the object and, for 403, the
 * missing permission.
 */
public final class KubeWriter {

    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClient client;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public KubeWriter(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sets one annotation on a service account. */
    public KubeWriteResult annotateServiceAccount(ServiceAccountRef sa, String key, String value) {
        Objects.requireNonNull(value, "value");
        return patchServiceAccountAnnotation(sa, key, value, "annotate");
    }

    /** Removes one annotation from a service account (a no-op when it is absent). */
    public KubeWriteResult removeServiceAccountAnnotation(ServiceAccountRef sa, String key) {
        return patchServiceAccountAnnotation(sa, key, null, "remove annotation " + key + " from");
    }

    private KubeWriteResult patchServiceAccountAnnotation(ServiceAccountRef sa, String key, String value,
                                                          String action) {
        ObjectNode patch = json.createObjectNode();
        ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
        if (value == null) {
            annotations.putNull(key);
        } else {
            annotations.put(key, value);
        }
        String what = action + " service account " + sa;
        try {
            ServiceAccount result = client.serviceAccounts().inNamespace(sa.namespace()).withName(sa.name())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
            return result(result);
        } catch (RuntimeException e) {
            throw explain(what, "patch", "serviceaccounts", sa.namespace(), e);
        }
    }

    /** The service account's annotations as the server has them now. */
    public Map<String, String> serviceAccountAnnotations(ServiceAccountRef sa) {
        try {
            ServiceAccount found = client.serviceAccounts().inNamespace(sa.namespace()).withName(sa.name()).get();
            if (found == null) {
                throw new KubeException(KubeFailure.NOT_FOUND, "service account " + sa + " not found", 404, null);
            }
            Map<String, String> a = found.getMetadata().getAnnotations();
            return a == null ? Map.of() : Map.copyOf(a);
        } catch (KubeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw explain("read service account " + sa, "get", "serviceaccounts", sa.namespace(), e);
        }
    }

    /** {@code kubectl rollout restart}: new pods replace the old ones, and pick up the webhook's new variables. */
    public KubeWriteResult rolloutRestart(String namespace, WorkloadRef workload) {
        if (!workload.restartable()) {
            throw new IllegalArgumentException(workload + " cannot be restarted: only Deployments, StatefulSets and "
                    + "DaemonSets support rollout restart (delete its pods instead)");
        }
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        ObjectNode patch = json.createObjectNode();
        patch.putObject("spec").putObject("template").putObject("metadata").putObject("annotations")
                .put(RESTARTED_AT, now);
        String what = "restart " + workload.kind() + " " + namespace + "/" + workload.name();
        PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
        try {
            HasMetadata result = switch (workload.kind()) {
                case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(workload.name())
                        .patch(merge, patch.toString());
                case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(workload.name())
                        .patch(merge, patch.toString());
                default -> client.apps().daemonSets().inNamespace(namespace).withName(workload.name())
                        .patch(merge, patch.toString());
            };
            return new KubeWriteResult(workload.kind() + " " + namespace + "/" + workload.name(),
                    result.getMetadata().getResourceVersion(), templateAnnotations(result));
        } catch (RuntimeException e) {
            throw explain(what, "patch", plural(workload.kind()), namespace, e);
        }
    }

    /**
     * The workload's current pods, trimmed, with their credential variables: what verification reads after a
     * restart. Newest first.
     */
    public List<PodInfo> workloadPods(String namespace, WorkloadRef workload) {
        String what = "list pods of " + workload + " in " + namespace;
        try {
            LabelSelector selector = selector(namespace, workload);
            OwnerIndex owners = new OwnerIndex();
            if (workload.kind().equals("Deployment")) {
                for (LeanReplicaSet rs : client.resources(LeanReplicaSet.class, LeanReplicaSetList.class)
                        .inNamespace(namespace).list().getItems()) {
                    owners.replicaSet(namespace, rs.getMetadata().getName(),
                            OwnerIndex.ownerOf(rs.getMetadata(), "Deployment"));
                }
            }
            var pods = client.resources(LeanPod.class, LeanPodList.class).inNamespace(namespace);
            List<LeanPod> items = selector != null && selector.getMatchLabels() != null
                    && !selector.getMatchLabels().isEmpty()
                    ? pods.withLabels(selector.getMatchLabels()).list().getItems() : pods.list().getItems();
            PodTrimmer trimmer = new PodTrimmer(owners);
            return items.stream().map(trimmer::trim).filter(p -> workload.equals(p.owner()))
                    .sorted(Comparator.comparing(PodInfo::startTime,
                            Comparator.nullsLast(Comparator.reverseOrder())))
                    .toList();
        } catch (KubeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw explain(what, "list", "pods", namespace, e);
        }
    }

    private LabelSelector selector(String namespace, WorkloadRef workload) {
        return switch (workload.kind()) {
            case "Deployment" -> {
                Deployment d = client.apps().deployments().inNamespace(namespace).withName(workload.name()).get();
                yield d == null ? notFound(workload, namespace) : d.getSpec().getSelector();
            }
            case "StatefulSet" -> {
                StatefulSet s = client.apps().statefulSets().inNamespace(namespace).withName(workload.name()).get();
                yield s == null ? notFound(workload, namespace) : s.getSpec().getSelector();
            }
            case "DaemonSet" -> {
                DaemonSet d = client.apps().daemonSets().inNamespace(namespace).withName(workload.name()).get();
                yield d == null ? notFound(workload, namespace) : d.getSpec().getSelector();
            }
            default -> null;
        };
    }

    private static LabelSelector notFound(WorkloadRef workload, String namespace) {
        throw new KubeException(KubeFailure.NOT_FOUND, workload.kind() + " " + namespace + "/" + workload.name()
                + " not found", 404, null);
    }

    private static KubeWriteResult result(ServiceAccount sa) {
        return new KubeWriteResult("ServiceAccount " + sa.getMetadata().getNamespace() + "/"
                + sa.getMetadata().getName(), sa.getMetadata().getResourceVersion(), sa.getMetadata().getAnnotations());
    }

    private static Map<String, String> templateAnnotations(HasMetadata workload) {
        var template = workload instanceof Deployment d ? d.getSpec().getTemplate()
                : workload instanceof StatefulSet s ? s.getSpec().getTemplate()
                : workload instanceof DaemonSet ds ? ds.getSpec().getTemplate() : null;
        return template == null || template.getMetadata() == null ? Map.of()
                : template.getMetadata().getAnnotations();
    }

    private static String plural(String kind) {
        return switch (kind) {
            case "Deployment" -> "apps/deployments";
            case "StatefulSet" -> "apps/statefulsets";
            case "DaemonSet" -> "apps/daemonsets";
            default -> kind.toLowerCase(java.util.Locale.ROOT) + "s";
        };
    }

    /** Adds the object (404), the missing permission (403) or the conflict (409) to the classified failure. */
    private static KubeException explain(String what, String verb, String resource, String namespace,
                                         RuntimeException e) {
        KubeException k = KubeErrors.classify(what, e);
        String message = switch (k.failure()) {
            case NOT_FOUND -> what + " failed: not found (404)";
            case FORBIDDEN -> what + " failed: forbidden (403): the current identity lacks '" + verb + " " + resource
                    + "' in namespace " + namespace;
            case CONFLICT -> what + " failed: conflict (409): the object changed on the server meanwhile; reload "
                    + "and retry";
            default -> null;
        };
        return message == null ? k : new KubeException(k.failure(), message, k.httpCode(), e);
    }
}

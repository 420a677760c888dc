package io.eksid.kube;

import io.eksid.kube.lean.LeanPod;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link LeanPod} into the trimmed {@link PodInfo} the store keeps, sharing repeated strings and records
 * so a pod costs a few hundred bytes. Fargate: the {@code eks.amazonaws.com/fargate-profile} label, a
 * {@code fargate-*} node or the {@code fargate-scheduler}; Windows: a {@code kubernetes.io/os: windows} node
 * selector (FACTS.md, unsupported by Pod Identity).
 */
public final class PodTrimmer {

    public static final String FARGATE_PROFILE_LABEL = "eks.amazonaws.com/fargate-profile";
    public static final String FARGATE_SCHEDULER = "fargate-scheduler";

    private final OwnerIndex owners;
    private final Interner<String> strings;
    private final Interner<PodCredentials> credentials;

    public PodTrimmer(OwnerIndex owners) {
        this.owners = Objects.requireNonNull(owners, "owners");
        this.strings = new Interner<>(100_000);
        this.credentials = new Interner<>(10_000);
    }

    public PodInfo trim(LeanPod pod) {
        ObjectMeta meta = pod.getMetadata();
        LeanPod.Spec spec = pod.getSpec() == null ? new LeanPod.Spec() : pod.getSpec();
        LeanPod.Status status = pod.getStatus();
        String sa = spec.serviceAccountName != null ? spec.serviceAccountName : spec.serviceAccount;
        WorkloadRef owner = owners.topLevelOwner(meta);
        Map<String, String> labels = meta.getLabels();
        boolean fargate = (labels != null && labels.containsKey(FARGATE_PROFILE_LABEL))
                || (spec.nodeName != null && spec.nodeName.startsWith("fargate-"))
                || FARGATE_SCHEDULER.equals(spec.schedulerName);
        Instant created = instant(meta.getCreationTimestamp());
        if (created == null && status != null) {
            created = instant(status.startTime);
        }
        return new PodInfo(strings.intern(meta.getNamespace()), meta.getName(), meta.getUid(), strings.intern(sa),
                strings.intern(spec.nodeName), owner, status == null ? null : strings.intern(status.phase), created,
                credentials.intern(PodCredentialsMapper.fromSpec(spec)), fargate, windows(spec.nodeSelector),
                Boolean.TRUE.equals(spec.hostNetwork));
    }

    /** Pods selecting Windows nodes (the current and the deprecated beta label). */
    public static boolean windows(Map<String, String> nodeSelector) {
        if (nodeSelector == null) {
            return false;
        }
        return "windows".equalsIgnoreCase(nodeSelector.get("kubernetes.io/os"))
                || "windows".equalsIgnoreCase(nodeSelector.get("beta.kubernetes.io/os"));
    }

    static Instant instant(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

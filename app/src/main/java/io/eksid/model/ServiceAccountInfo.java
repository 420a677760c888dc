package io.eksid.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A Kubernetes service account, trimmed to what identity needs: its name and annotations. */
public record ServiceAccountInfo(String namespace, String name, String uid, Map<String, String> annotations) {

    public ServiceAccountInfo {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static ServiceAccountInfo of(String namespace, String name, Map<String, String> annotations) {
        return new ServiceAccountInfo(namespace, name, null, annotations);
    }

    public ServiceAccountRef ref() {
        return new ServiceAccountRef(namespace, name);
    }

    /** The IRSA role ARN annotation, as written (it may be malformed: that is a finding, not a crash). */
    public Optional<String> irsaRoleArn() {
        String v = annotations.get(IrsaAnnotations.ROLE_ARN);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** The audience the webhook puts in the projected token; {@code sts.amazonaws.com} unless annotated. */
    public String audience() {
        String v = annotations.get(IrsaAnnotations.AUDIENCE);
        return v == null || v.isBlank() ? IrsaAnnotations.DEFAULT_AUDIENCE : v.strip();
    }
}

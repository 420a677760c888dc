package io.eksid.model;

import java.util.Map;
import java.util.Objects;

/** A Kubernetes namespace. */
public record NamespaceInfo(String name, Map<String, String> labels) {

    public NamespaceInfo {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static NamespaceInfo of(String name) {
        return new NamespaceInfo(name, Map.of());
    }
}

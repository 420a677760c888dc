package io.eksid.kube;

import java.util.Map;

/**
 * What the API server answered to a write.
 *
 * @param object          {@code ServiceAccount shop/cart}, {@code Deployment shop/cart}
 * @param resourceVersion the object's resourceVersion after the write
 * @param annotations     the annotations that now hold (service account) or the pod template's (restart)
 */
public record KubeWriteResult(String object, String resourceVersion, Map<String, String> annotations) {

    public KubeWriteResult {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}

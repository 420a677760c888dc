package io.eksid.kube.lean;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** A page of {@link LeanPod}s.
 * Bound plainly: the interface's KubernetesDeserializer would pick the full list class by kind.
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class LeanPodList extends LeanList<LeanPod> {
}

package io.eksid.kube.lean;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A ReplicaSet reduced to its metadata: all we need is which Deployment owns it. Clusters keep ten old
 * ReplicaSets per Deployment by default, so these are many and their pod templates are skipped.
 */
@Group("apps")
@Version("v1")
@Kind("ReplicaSet")
@Plural("replicasets")
@JsonIgnoreProperties(ignoreUnknown = true)
// Plain bean binding: the interface's KubernetesDeserializer would pick the full model class by kind.
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class LeanReplicaSet implements HasMetadata, Namespaced {

    private ObjectMeta metadata;

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    @Override
    public void setApiVersion(String version) {
        // fixed by the annotations
    }

    public void setKind(String kind) {
        // fixed by the annotations
    }
}

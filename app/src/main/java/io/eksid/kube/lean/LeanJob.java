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

/** A Job reduced to its metadata and its pod template's scheduling hints: enough to name its pods' owner. */
@Group("batch")
@Version("v1")
@Kind("Job")
@Plural("jobs")
@JsonIgnoreProperties(ignoreUnknown = true)
// Plain bean binding: the interface's KubernetesDeserializer would pick the full model class by kind.
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class LeanJob implements HasMetadata, Namespaced {

    private ObjectMeta metadata;
    private Spec spec;

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

    public Spec getSpec() {
        return spec;
    }

    public void setSpec(Spec spec) {
        this.spec = spec;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Spec {
        public Template template;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Template {
        public LeanPod.Spec spec;
    }
}

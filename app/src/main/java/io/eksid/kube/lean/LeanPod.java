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
import java.util.List;
import java.util.Map;

/**
 * A Pod with only the fields identity needs; everything else in the JSON is skipped while parsing. Lives only
 * between the wire and the trimmer: the store keeps a {@link io.eksid.model.PodInfo}, never this.
 */
@Group("")
@Version("v1")
@Kind("Pod")
@Plural("pods")
@JsonIgnoreProperties(ignoreUnknown = true)
// Plain bean binding: the interface's KubernetesDeserializer would pick the full model class by kind.
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class LeanPod implements HasMetadata, Namespaced {

    private ObjectMeta metadata;
    private Spec spec;
    private Status status;

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

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Spec {
        public String serviceAccountName;
        public String serviceAccount;
        public String nodeName;
        public String schedulerName;
        public Boolean hostNetwork;
        public Map<String, String> nodeSelector;
        public List<Container> containers;
        public List<Container> initContainers;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Container {
        public List<EnvVar> env;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class EnvVar {
        public String name;
        public String value;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Status {
        public String phase;
        public String startTime;
    }
}

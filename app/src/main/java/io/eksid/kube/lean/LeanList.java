package io.eksid.kube.lean;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import java.util.ArrayList;
import java.util.List;

/** One page of a list of lean resources: items plus the {@code continue} token and resource version. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class LeanList<T extends HasMetadata> implements KubernetesResourceList<T> {

    private ListMeta metadata = new ListMeta();
    private List<T> items = new ArrayList<>();

    @Override
    public ListMeta getMetadata() {
        return metadata;
    }

    public void setMetadata(ListMeta metadata) {
        this.metadata = metadata;
    }

    @Override
    public List<T> getItems() {
        return items;
    }

    public void setItems(List<T> items) {
        this.items = items == null ? new ArrayList<>() : items;
    }
}

package io.eksid.ui.inspector;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.findings.Finding;
import io.eksid.model.graph.NodeIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the inspector looks up by node, indexed once per state off the UI thread, so a click never scans every pod
 * or finding of a 50,000-pod cluster on it. Immutable.
 */
public final class InspectorIndex {

    private final IdentityState state;
    private final Map<String, PodInfo> pods;
    private final Map<String, PodIdentityAssociation> associations;
    private final Map<String, ServiceAccountInfo> serviceAccounts;
    private final Map<String, List<Finding>> findings;

    private InspectorIndex(IdentityState state) {
        this.state = Objects.requireNonNull(state);
        Map<String, PodInfo> p = new HashMap<>();
        for (PodInfo pod : state.snapshot().pods()) {
            p.putIfAbsent(NodeIds.pod(pod.namespace(), pod.name()), pod);
        }
        Map<String, PodIdentityAssociation> a = new HashMap<>();
        for (PodIdentityAssociation assoc : state.snapshot().associations()) {
            a.put(NodeIds.association(assoc.associationId(), assoc.serviceAccountRef()), assoc); // the last one wins
        }
        Map<String, ServiceAccountInfo> s = new HashMap<>();
        for (ServiceAccountInfo sa : state.snapshot().serviceAccounts()) {
            s.putIfAbsent(sa.namespace() + "/" + sa.name(), sa);
        }
        Map<String, List<Finding>> f = new HashMap<>();
        for (Finding finding : state.findings()) {
            f.computeIfAbsent(finding.subject(), k -> new ArrayList<>()).add(finding);
        }
        f.replaceAll((k, v) -> List.copyOf(v));
        this.pods = Map.copyOf(p);
        this.associations = Map.copyOf(a);
        this.serviceAccounts = Map.copyOf(s);
        this.findings = Map.copyOf(f);
    }

    public static InspectorIndex of(IdentityState state) {
        return new InspectorIndex(state);
    }

    public IdentityState state() {
        return state;
    }

    /** The pod of a {@code pod:<ns>/<name>} node, or null. */
    public PodInfo pod(String nodeId) {
        return pods.get(nodeId);
    }

    /** The association of an association node, or null. */
    public PodIdentityAssociation association(String nodeId) {
        return associations.get(nodeId);
    }

    /** The service account as listed (with its annotations), or null. */
    public ServiceAccountInfo serviceAccount(String namespace, String name) {
        return serviceAccounts.get(namespace + "/" + name);
    }

    /** The findings about a subject, in the analyser's order. */
    public List<Finding> findingsAbout(String subject) {
        return findings.getOrDefault(subject, List.of());
    }
}

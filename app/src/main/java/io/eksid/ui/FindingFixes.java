package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.graph.GraphEdge;
import io.eksid.ui.tables.FindingFix;
import java.util.List;

/** Opens the wizard preview a finding's Fix… button names, for the finding's subject. */
final class FindingFixes {

    private FindingFixes() {
    }

    static void open(FindingFix fix, String nodeId, IdentityState s, MainView.Actions actions) {
        switch (fix) {
            case CONVERSION_PREVIEW -> actions.convert(List.of(nodeId));
            case ASSOCIATION_PREVIEW -> actions.newAssociation(serviceAccountOf(nodeId, s));
        }
    }

    /** An association's finding names the association; its wizard starts from the service account. */
    private static String serviceAccountOf(String nodeId, IdentityState s) {
        if (nodeId.startsWith("sa:") || s == null) {
            return nodeId;
        }
        for (GraphEdge e : s.graph().edgesTo(nodeId)) {
            if (e.from().startsWith("sa:")) {
                return e.from();
            }
        }
        return null;
    }
}

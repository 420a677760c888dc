package io.eksid.ui.wizard;

import io.eksid.model.ServiceAccountRef;
import io.eksid.model.graph.NodeId;
import io.eksid.model.plan.Selection;
import java.util.ArrayList;
import java.util.List;

/** Turns the window's node ids into the planner's selection. */
public final class Selections {

    private Selections() {
    }

    /** The selection a wizard opened on: an empty list is every IRSA mapping; ids are {@code sa:ns/name}, {@code ns:ns}. */
    public static Selection of(List<String> subjectNodeIds) {
        if (subjectNodeIds == null || subjectNodeIds.isEmpty()) {
            return Selection.allIrsa();
        }
        List<ServiceAccountRef> sas = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        for (String id : subjectNodeIds) {
            NodeId node = NodeId.tryParse(id).orElse(null);
            if (node instanceof NodeId.ServiceAccount sa) {
                sas.add(sa.ref());
            } else if (node instanceof NodeId.Namespace ns) {
                namespaces.add(ns.namespace());
            } else {
                throw new IllegalArgumentException("cannot convert '" + id + "': pick a service account or a namespace");
            }
        }
        if (!sas.isEmpty() && !namespaces.isEmpty()) {
            throw new IllegalArgumentException("pick service accounts or namespaces, not both");
        }
        return sas.isEmpty() ? Selection.namespaces(namespaces) : Selection.serviceAccounts(sas);
    }
}

package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import java.util.ArrayList;
import java.util.List;

/** What the graph pane says instead of an empty canvas: the first run's steps, or which filters leave nothing. */
final class GraphMessages {

    private GraphMessages() {
    }

    /** Why the canvas is empty: still loading, or the filters leave nothing, and which ones. */
    static String emptyGraph(MainViewModel vm) {
        IdentityState s = vm.stateProperty().get();
        if (s == null || s.graph().nodes().isEmpty() || !MainViewModel.kubeListed(s)) {
            return connectingSteps(vm, s);
        }
        List<String> filters = new ArrayList<>();
        if (!vm.namespaceFilterProperty().get().isEmpty()) {
            filters.add("namespace " + String.join(", ", vm.namespaceFilterProperty().get()));
        }
        if (vm.onlyProblemsProperty().get()) {
            filters.add("only problems");
        }
        if (vm.onlyIrsaProperty().get()) {
            filters.add("only IRSA");
        }
        return filters.isEmpty() ? "No workload or service account with an AWS identity in this cluster."
                : "Nothing matches " + String.join(" + ", filters) + ". Turn a filter off (or pick All namespaces) "
                + "to see more.";
    }

    /** First run: what is done and what is still coming, instead of an empty pane. */
    private static String connectingSteps(MainViewModel vm, IdentityState s) {
        String context = vm.currentContextProperty().get() == null ? "the cluster" : vm.currentContextProperty().get();
        boolean kube = MainViewModel.kubeListed(s);
        boolean aws = kube && MainViewModel.awsRead(s);
        StringBuilder b = new StringBuilder("Connecting to " + context + "\n\n");
        if (vm.sandboxProperty().get()) {
            b.append(vm.currentContextProperty().get() == null ? "\u25CB  Starting the sandbox\n"
                    : "\u2713  Sandbox started\n");
        }
        b.append(s == null ? "\u25CB  Kubeconfig context opened\n" : "\u2713  Kubeconfig context opened\n");
        b.append(kube ? "\u2713  Kubernetes listed\n" : "\u25CB  Listing Kubernetes (namespaces, service accounts, "
                + "pods, workloads)\n");
        b.append(aws ? "\u2713  AWS read\n" : "\u25CB  Reading AWS (cluster, roles, associations, OIDC providers)\n");
        b.append("\u25CB  Drawing the graph");
        return b.toString();
    }
}

package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.store.SourceState;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.inspector.InspectorIndex;
import io.eksid.ui.tables.TableRows;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the window shows for one identity state and one choice of view, computed off the UI thread by
 * {@link Presenter} and handed to it once per update: the laid-out graph, the tables' rows, the counts, the
 * connection line and the inspector's index. Immutable.
 *
 * @param expanded        what the graph was laid out with (the options' plus namespaces opened automatically)
 * @param autoExpandEnded the graph is too large to open every namespace: automatic opening stops
 * @param namespaces      the namespaces' names, sorted
 */
public record Presentation(IdentityState state, ViewOptions options, LaidOutGraph graph, Set<String> expanded,
                           boolean autoExpandEnded, Tables tables, IdentitySummary summary, List<String> namespaces,
                           Connection connection, int convertible, InspectorIndex inspector) {

    public Presentation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(graph, "graph");
        expanded = Set.copyOf(expanded);
        namespaces = List.copyOf(namespaces);
    }

    /** The rows of every table. */
    public record Tables(List<TableRows.ServiceAccountRow> serviceAccounts, List<TableRows.AssociationRow> associations,
                         List<TableRows.RoleRow> roles, List<TableRows.FindingRow> findings) {
    }

    /** The worst source state and the status line saying it, with every source that is not live and why. */
    public record Connection(SourceState state, String summary) {
    }
}

package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.graph.GraphNode;
import io.eksid.model.graph.NodeKind;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.ui.graph.GroupedLayout;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.ViewGraph;
import io.eksid.ui.graph.ViewGraphBuilder;
import io.eksid.ui.inspector.InspectorIndex;
import io.eksid.ui.tables.TableRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The window's one presentation function, {@code (IdentityState, ViewOptions) → Presentation}, run off the UI
 * thread (50,000 pods make the rows and the layout real work). What depends on the state alone (rows, counts,
 * indexes) is reused while only the options change. Calls are serialised: the layout cache is not thread-safe.
 */
public final class Presenter {

    /** Namespaces are opened automatically only while the whole graph stays readable. */
    static final int EXPAND_ALL_LIMIT = 400;

    private final ViewGraphBuilder views = new ViewGraphBuilder();
    /** Built off the UI thread on first use: ELK's start (its algorithms and options) is a good part of a window's. */
    private GroupedLayout layout;
    private IdentityState lastState;
    private PerState lastPerState;

    /** What depends on the state only. */
    private record PerState(Presentation.Tables tables, IdentitySummary summary, List<String> namespaces,
                            List<String> namespaceIds, int visible, Presentation.Connection connection,
                            int convertible, boolean awsRead, InspectorIndex inspector) {
    }

    public synchronized Presentation present(IdentityState s, ViewOptions options) {
        PerState p = s == lastState ? lastPerState : perState(s);
        lastState = s;
        lastPerState = p;
        Set<String> expanded = options.expanded();
        boolean autoExpandEnded = false;
        if (options.autoExpand()) {
            if (p.visible() > EXPAND_ALL_LIMIT) {
                autoExpandEnded = true;
            } else if (!expanded.containsAll(p.namespaceIds())) {
                Set<String> more = new HashSet<>(expanded);
                more.addAll(p.namespaceIds());
                expanded = more;
            }
        }
        ViewGraph vg = views.build(s.graph(), s.findings(), expanded, options.filter(), p.awsRead());
        LaidOutGraph g = layout().layout(vg, options.aspect());
        return new Presentation(s, options, g, expanded, autoExpandEnded, p.tables(), p.summary(), p.namespaces(),
                p.connection(), p.convertible(), p.inspector());
    }

    /** Starts the layout engine ahead of the first state, if nothing has been laid out yet. */
    public synchronized void warmUp() {
        if (layout == null) {
            layout().warmUp();
        }
    }

    private GroupedLayout layout() {
        if (layout == null) {
            layout = new GroupedLayout();
        }
        return layout;
    }

    private static PerState perState(IdentityState s) {
        Set<String> names = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        int visible = 0;
        for (GraphNode n : s.graph().nodes()) {
            if (n.kind() == NodeKind.NAMESPACE) {
                names.add(n.label());
                ids.add(n.id());
            } else if (n.kind() == NodeKind.WORKLOAD || n.kind() == NodeKind.SERVICE_ACCOUNT) {
                visible++;
            }
        }
        Presentation.Tables tables = new Presentation.Tables(TableRows.serviceAccounts(s), TableRows.associations(s),
                TableRows.roles(s), TableRows.findings(s));
        return new PerState(tables, IdentitySummary.of(s), List.copyOf(names), List.copyOf(ids), visible,
                connection(s), s.graph().convertibleIrsaMappings().size(), LoadProgress.awsRead(s),
                InspectorIndex.of(s));
    }

    /** The worst source state ("connecting" while anything still lists) and every source that is not live. */
    static Presentation.Connection connection(IdentityState s) {
        SourceState worst = s.sources().isEmpty() ? SourceState.CONNECTING : SourceState.LIVE;
        boolean listing = false;
        StringBuilder problems = new StringBuilder();
        for (SourceStatus src : s.sources()) {
            if (src.state().ordinal() > worst.ordinal()) {
                worst = src.state();
            }
            listing |= src.state() == SourceState.CONNECTING;
            if (src.state() != SourceState.LIVE && !src.reason().isEmpty()) {
                problems.append(problems.length() == 0 ? "" : "; ").append(src.source()).append(": ")
                        .append(src.reason());
            }
        }
        if (listing && worst == SourceState.LIVE) {
            worst = SourceState.CONNECTING; // still listing is not "live"
        }
        return new Presentation.Connection(worst, s.contextName() + " \u2014 " + worst.name().toLowerCase(Locale.ROOT)
                + (problems.length() == 0 ? "" : " (" + problems + ")"));
    }
}

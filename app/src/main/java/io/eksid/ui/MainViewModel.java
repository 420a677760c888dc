package io.eksid.ui;

import io.eksid.engine.live.ContextInfo;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.LiveSession;
import io.eksid.engine.live.Workspace;
import io.eksid.model.graph.GraphNode;
import io.eksid.model.graph.NodeIds;
import io.eksid.model.graph.NodeKind;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.ui.graph.GroupedLayout;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.ViewGraph;
import io.eksid.ui.graph.ViewGraphBuilder;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * State of the console window: which context is connected, the latest identity state, the laid-out graph,
 * the shared selection, filters and the activity log. Views bind to these properties; nothing here touches a
 * control. Background work goes through the injected {@link TaskRunner}.
 */
public final class MainViewModel {

    /** Namespaces are expanded on first show only when the whole graph stays readable. */
    static final int EXPAND_ALL_LIMIT = 400;

    private final Workspace workspace;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ObservableList<ContextInfo> contexts = FXCollections.observableArrayList();
    private final ObservableList<String> kubeconfigProblems = FXCollections.observableArrayList();
    private final StringProperty currentContext = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<IdentityState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LaidOutGraph> graph = new ReadOnlyObjectWrapper<>(LaidOutGraph.EMPTY);
    private final StringProperty selectedNodeId = new SimpleStringProperty();
    private final ObservableSet<String> expanded = FXCollections.observableSet(new HashSet<>());
    private final ObjectProperty<Set<String>> namespaceFilter = new SimpleObjectProperty<>(Set.of());
    private final BooleanProperty onlyProblems = new SimpleBooleanProperty();
    private final BooleanProperty onlyIrsa = new SimpleBooleanProperty();
    private final BooleanProperty sandbox = new SimpleBooleanProperty();
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final ObservableList<String> clusterChoice = FXCollections.observableArrayList();
    private final Set<String> askedForCluster = new java.util.HashSet<>();
    private java.util.function.BiConsumer<String, String> rememberCluster = (context, cluster) -> { };
    private java.util.function.Function<String, String> profileForContext = c -> null;
    private final SsoSignInModel ssoSignIn;
    private final ReadOnlyIntegerWrapper convertibleCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper connectionSummary = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyObjectWrapper<SourceState> connectionState = new ReadOnlyObjectWrapper<>(
            SourceState.CONNECTING);
    private final ObservableList<ActivityEntry> activity = FXCollections.observableArrayList();
    private final IntegerProperty graphUpdates = new SimpleIntegerProperty();
    private final LatestOnlyQueue<LaidOutGraph> layoutQueue;
    private final GroupedLayout layout = new GroupedLayout();
    private final ViewGraphBuilder viewGraphs = new ViewGraphBuilder();
    private final LiveStateSink sink;
    private LiveSession session;
    private final javafx.beans.property.ReadOnlyBooleanWrapper refreshing =
            new javafx.beans.property.ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<java.time.Instant> awsReadAt = new ReadOnlyObjectWrapper<>();
    private java.time.Instant refreshRequestedAt;
    /** The "Connected" line is written once per connection, when both sides have been read. */
    private boolean connectedLogged;
    /** Until the user expands or collapses something, every namespace is opened as it appears (small graphs). */
    private boolean autoExpand = true;

    /** How identity states reach the UI thread: coalesced, latest wins. */
    public interface LiveStateSink {
        /** Returns a consumer callable from any thread that delivers to {@code onUi} coalesced. */
        Consumer<IdentityState> coalesce(Consumer<IdentityState> onUi);
    }

    public MainViewModel(Workspace workspace, TaskRunner tasks, Clock clock, LiveStateSink sink, boolean sandbox) {
        this.workspace = Objects.requireNonNull(workspace);
        this.tasks = Objects.requireNonNull(tasks);
        this.clock = Objects.requireNonNull(clock);
        this.sink = Objects.requireNonNull(sink);
        this.sandbox.set(sandbox);
        this.ssoSignIn = new SsoSignInModel(workspace, tasks, currentContext::get, c -> profileForContext.apply(c),
                this::log, this::refresh);
        this.layoutQueue = new LatestOnlyQueue<>(tasks, g -> {
            graph.set(g);
            graphUpdates.set(graphUpdates.get() + 1);
        }, e -> log(ActivityEntry.Kind.ERROR, "Graph layout failed: " + e.getMessage()));
        expanded.addListener((javafx.collections.SetChangeListener<String>) c -> relayout());
        namespaceFilter.addListener((o, a, b) -> relayout());
        onlyProblems.addListener((o, a, b) -> relayout());
        onlyIrsa.addListener((o, a, b) -> relayout());
    }

    /** Reads the kubeconfig contexts (in the background) and connects to the current or first one. */
    public void start(String preferredContext) {
        tasks.run(() -> new Object[] {workspace.contexts(), workspace.kubeconfigProblems()}, r -> {
            @SuppressWarnings("unchecked")
            List<ContextInfo> list = (List<ContextInfo>) r[0];
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) r[1];
            contexts.setAll(list);
            kubeconfigProblems.setAll(problems);
            problems.forEach(p -> log(ActivityEntry.Kind.WARNING, p));
            String pick = preferredContext != null ? preferredContext
                    : workspace.currentContext().orElse(list.isEmpty() ? null : list.get(0).name());
            if (pick != null) {
                connect(pick);
            } else {
                connectionSummary.set("No kubeconfig contexts found");
                connectionState.set(SourceState.ERROR);
            }
        }, e -> {
            connectionSummary.set("Cannot read kubeconfig: " + e.getMessage());
            connectionState.set(SourceState.ERROR);
            log(ActivityEntry.Kind.ERROR, "Cannot read kubeconfig: " + e.getMessage());
        });
    }

    /** Switches to another context; the old session is closed. */
    public void connect(String contextName) {
        if (contextName == null || contextName.equals(currentContext.get()) && session != null) {
            return;
        }
        closeSession();
        currentContext.set(contextName);
        state.set(null);
        graph.set(LaidOutGraph.EMPTY);
        expanded.clear();
        autoExpand = true;
        connectedLogged = false;
        connectionState.set(SourceState.CONNECTING);
        connectionSummary.set("Connecting to " + contextName + "\u2026");
        log(ActivityEntry.Kind.INFO, "Connecting to " + contextName);
        Consumer<IdentityState> delivery = sink.coalesce(this::accept);
        String profile = profileForContext.apply(contextName);
        tasks.run(() -> workspace.open(contextName, profile, delivery), s -> {
            if (!contextName.equals(currentContext.get())) {
                s.close();
                return;
            }
            session = s;
            s.snapshotCacheProblems().forEach(p -> log(ActivityEntry.Kind.WARNING, p));
        }, e -> {
            connectionState.set(SourceState.ERROR);
            connectionSummary.set(contextName + ": " + e.getMessage());
            log(ActivityEntry.Kind.ERROR, "Cannot connect to " + contextName + ": " + e.getMessage());
        });
    }

    /** A new identity state, on the UI thread. */
    void accept(IdentityState s) {
        if (!s.contextName().equals(currentContext.get())) {
            return;
        }
        IdentityState previous = state.get();
        state.set(s);
        convertibleCount.set(s.graph().convertibleIrsaMappings().size());
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
        connectionState.set(worst);
        connectionSummary.set(s.contextName() + " \u2014 " + worst.name().toLowerCase(Locale.ROOT)
                + (problems.length() == 0 ? "" : " (" + problems + ")"));
        if (!connectedLogged && kubeListed(s) && awsRead(s)) {
            connectedLogged = true;
            log(ActivityEntry.Kind.INFO, "Connected to " + s.contextName() + ": "
                    + s.graph().counts().serviceAccounts() + " service accounts, " + s.graph().counts().pods()
                    + " pods, " + s.graph().counts().roles() + " roles");
        }
        if (session != null && !session.clusterCandidates().isEmpty() && askedForCluster.add(s.contextName())) {
            clusterChoice.setAll(session.clusterCandidates());
        }
        if (autoExpand) {
            int visible = 0;
            List<String> namespaces = new java.util.ArrayList<>();
            for (GraphNode n : s.graph().nodes()) {
                if (n.kind() == NodeKind.WORKLOAD || n.kind() == NodeKind.SERVICE_ACCOUNT) {
                    visible++;
                } else if (n.kind() == NodeKind.NAMESPACE) {
                    namespaces.add(n.id());
                }
            }
            if (visible > EXPAND_ALL_LIMIT) {
                autoExpand = false;
            } else if (!expanded.containsAll(namespaces)) {
                expanded.addAll(namespaces);
                return; // the expansion listener already asked for a layout
            }
        }
        relayout();
    }

    private void relayout() {
        IdentityState s = state.get();
        if (s == null) {
            return;
        }
        Set<String> exp = Set.copyOf(expanded);
        ViewGraphBuilder.Filter filter = new ViewGraphBuilder.Filter(namespaceFilter.get(), onlyProblems.get(),
                onlyIrsa.get());
        boolean awsRead = awsRead(s);
        layoutQueue.submit(() -> {
            ViewGraph vg = viewGraphs.build(s.graph(), s.findings(), exp, filter, awsRead);
            synchronized (layout) {
                return layout.layout(vg);
            }
        });
    }

    /** See {@link LoadProgress#awsRead(IdentityState)}. */
    public static boolean awsRead(IdentityState s) {
        return LoadProgress.awsRead(s);
    }

    /** See {@link LoadProgress#kubeListed(IdentityState)}. */
    public static boolean kubeListed(IdentityState s) {
        return LoadProgress.kubeListed(s);
    }

    /** Expands or collapses a namespace or workload. */
    public void toggle(String nodeId) {
        autoExpand = false;
        if (!expanded.remove(nodeId)) {
            expanded.add(nodeId);
        }
    }

    /** Finds the best node for a search text and selects it (see {@link NodeSearch}). */
    public Optional<String> search(String text) {
        IdentityState s = state.get();
        Optional<String> found = s == null ? Optional.empty() : NodeSearch.best(s.graph(), text);
        found.ifPresent(id -> {
            reveal(id);
            selectedNodeId.set(id);
        });
        return found;
    }

    /** Makes sure a node is visible: expands its namespace (and workload for pods). */
    public void reveal(String nodeId) {
        io.eksid.model.graph.NodeId.tryParse(nodeId).flatMap(io.eksid.model.graph.NodeId::inNamespace)
                .ifPresent(ns -> expanded.add(NodeIds.namespace(ns)));
    }

    /** Polls AWS now; {@link #refreshingProperty()} stays true until every source has been read again. */
    public void refresh() {
        if (session != null) {
            LiveSession s = session;
            refreshRequestedAt = clock.instant();
            refreshing.set(true);
            tasks.run(() -> {
                s.refreshNow();
                return Boolean.TRUE;
            }, ok -> { }, e -> {
                refreshing.set(false);
                log(ActivityEntry.Kind.ERROR, "Refresh failed: " + e.getMessage());
            });
        }
    }

    /** How long a refresh may take before the console stops waiting for it and says so. */
    static final java.time.Duration REFRESH_PATIENCE = java.time.Duration.ofSeconds(60);

    /**
     * Reads how fresh the AWS side is (cheap: no I/O) and ends a pending refresh once every source has been read
     * after it was asked for. The status bar calls this every second, so "AWS read … ago" moves on its own.
     */
    public void updateFreshness() {
        java.time.Instant readAt = session == null ? null : session.awsReadAt().orElse(null);
        awsReadAt.set(readAt);
        java.time.Instant asked = refreshRequestedAt;
        if (!refreshing.get() || asked == null) {
            return;
        }
        if (readAt != null && !readAt.isBefore(asked)) {
            refreshing.set(false);
            log(ActivityEntry.Kind.INFO, "AWS data read again for " + currentContext.get() + " at "
                    + MainView.time(readAt));
        } else if (clock.instant().isAfter(asked.plus(REFRESH_PATIENCE))) {
            refreshing.set(false);
            log(ActivityEntry.Kind.WARNING, "AWS refresh asked at " + MainView.time(asked) + " has not completed "
                    + "after " + REFRESH_PATIENCE.toSeconds() + " s; the sources' tooltips say why");
        }
    }

    /** True from a click on Refresh until every AWS source has been read again. */
    public javafx.beans.property.ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    /** When the AWS side was last read in full (see {@link LiveSession#awsReadAt()}), or null. */
    public ReadOnlyObjectProperty<java.time.Instant> awsReadAtProperty() {
        return awsReadAt.getReadOnlyProperty();
    }

    /** IAM Identity Center sign-in for the current context's profile (the navigator's button). */
    public SsoSignInModel ssoSignIn() {
        return ssoSignIn;
    }

    public void log(ActivityEntry.Kind kind, String summary) {
        activity.add(0, new ActivityEntry(clock.instant(), kind, summary, "", null));
        if (activity.size() > 500) {
            activity.remove(500, activity.size());
        }
    }

    public void log(ActivityEntry entry) {
        activity.add(0, entry);
    }

    private void closeSession() {
        if (session != null) {
            LiveSession old = session;
            session = null;
            tasks.run(() -> {
                old.close();
                return Boolean.TRUE;
            }, ok -> { }, e -> { });
        }
    }

    public void shutdown() {
        closeSession();
    }

    public Optional<LiveSession> session() {
        return Optional.ofNullable(session);
    }

    public ObservableList<ContextInfo> contexts() {
        return contexts;
    }

    public ObservableList<String> kubeconfigProblems() {
        return kubeconfigProblems;
    }

    public StringProperty currentContextProperty() {
        return currentContext;
    }

    public ReadOnlyObjectProperty<IdentityState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LaidOutGraph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    public StringProperty selectedNodeIdProperty() {
        return selectedNodeId;
    }

    public ObservableSet<String> expanded() {
        return expanded;
    }

    public ObjectProperty<Set<String>> namespaceFilterProperty() {
        return namespaceFilter;
    }

    public BooleanProperty onlyProblemsProperty() {
        return onlyProblems;
    }

    public BooleanProperty onlyIrsaProperty() {
        return onlyIrsa;
    }

    /** Clusters to choose from for the current context (the view asks the user), or empty. */
    public ObservableList<String> clusterChoice() {
        return clusterChoice;
    }

    /** Where a chosen cluster is remembered (the preferences); called with the context and the cluster. */
    public void setRememberCluster(java.util.function.BiConsumer<String, String> remember) {
        this.rememberCluster = Objects.requireNonNull(remember);
    }

    /** The user picked the EKS cluster of the current context: remember it and connect again. */
    public void chooseCluster(String cluster) {
        String context = currentContext.get();
        clusterChoice.clear();
        if (context == null || cluster == null) {
            return;
        }
        rememberCluster.accept(context, cluster);
        log(ActivityEntry.Kind.INFO, "Context " + context + " is EKS cluster " + cluster + " (remembered)");
        closeSession();
        session = null;
        currentContext.set(null);
        connect(context);
    }

    /** The AWS profile to use for a context (preferences), or null to follow the context and the defaults. */
    public void setProfileForContext(java.util.function.Function<String, String> lookup) {
        this.profileForContext = Objects.requireNonNull(lookup);
    }

    /** The AWS profile the preferences name for a context, or null. */
    public String profileForContext(String contextName) {
        return profileForContext.apply(contextName);
    }

    /** Read-only mode (preferences): no write action is offered. */
    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public BooleanProperty sandboxProperty() {
        return sandbox;
    }

    public ReadOnlyIntegerProperty convertibleCountProperty() {
        return convertibleCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionSummaryProperty() {
        return connectionSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SourceState> connectionStateProperty() {
        return connectionState.getReadOnlyProperty();
    }

    public ObservableList<ActivityEntry> activity() {
        return activity;
    }

    public IntegerProperty graphUpdatesProperty() {
        return graphUpdates;
    }

    public Clock clock() {
        return clock;
    }

    public TaskRunner tasks() {
        return tasks;
    }
}

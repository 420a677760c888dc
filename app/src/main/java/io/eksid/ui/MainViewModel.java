package io.eksid.ui;

import io.eksid.engine.live.ConsoleBackend;
import io.eksid.engine.live.ContextInfo;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.SessionHandle;
import io.eksid.model.store.SourceState;
import io.eksid.ui.graph.LaidOutGraph;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The window's state, in four parts: the {@link SessionModel} (connection), the {@link GraphModel} (what the graph
 * shows), the {@link SelectionModel} and the {@link ActivityModel}. It owns the presentation stage: every identity
 * state and every change of view becomes one {@link Presenter} run off the UI thread, and its {@link Presentation}
 * reaches the UI thread through one {@link LatestWins}, once per update. Nothing here touches a control.
 */
public final class MainViewModel {

    private final TaskRunner tasks;
    private final Clock clock;
    private final ActivityModel activity;
    private final GraphModel graph;
    private final SessionModel session;
    private final SelectionModel selection;
    private final Presenter presenter = new Presenter();
    private final LatestWins<Presentation> presentations;
    private final ReadOnlyObjectWrapper<Presentation> presentation = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    /** The open context's newest state; written by the sessions' threads, read by the presentation's. */
    private volatile IdentityState latest;

    public MainViewModel(ConsoleBackend backend, TaskRunner tasks, Clock clock, LatestWins.Factory delivery,
                         ConsolePreferences preferences, boolean sandbox) {
        this.tasks = Objects.requireNonNull(tasks);
        this.clock = Objects.requireNonNull(clock);
        this.activity = new ActivityModel(clock);
        this.presentations = delivery.create(this::show, e -> activity.log(ActivityEntry.Kind.ERROR,
                "Could not lay out the graph and the tables: " + e.getMessage()));
        this.graph = new GraphModel(this::present);
        this.session = new SessionModel(backend, tasks, clock, activity, preferences, sandbox, s -> {
            latest = s;
            present();
        }, this::prepare, this::connecting);
        this.selection = new SelectionModel(session.stateProperty()::get, graph::reveal);
        this.readOnly.set(preferences.readOnly());
    }

    /** Asks for a presentation of the newest state with the newest options, both read when it is computed. */
    private void present() {
        presentations.submit(() -> {
            IdentityState s = latest;
            return s == null ? null : presenter.present(s, graph.options());
        });
    }

    /**
     * Computes a presentation of a state the window is not showing yet and delivers nothing: the presenter keeps
     * what it derived and laid out, so presenting the same state once it is shown costs little.
     */
    private void prepare(IdentityState s) {
        presentations.submit(() -> {
            presenter.present(s, graph.options());
            return null;
        });
    }

    /**
     * Starts the layout engine on the presentation's thread while the window is built and the first state read:
     * its first run loads most of ELK, which would otherwise come between the snapshot and the first graph.
     */
    public void warmUpLayout() {
        presentations.submit(() -> {
            presenter.warmUp();
            return null;
        });
    }

    private void connecting() {
        latest = null;
        presentation.set(null);
        graph.reset();
    }

    private void show(Presentation p) {
        if (session.accept(p)) {
            graph.show(p);
            presentation.set(p);
        }
    }

    public SessionModel sessionModel() {
        return session;
    }

    public GraphModel graphModel() {
        return graph;
    }

    public SelectionModel selection() {
        return selection;
    }

    public ActivityModel activityModel() {
        return activity;
    }

    /** The latest presentation of the open context (tables, counts, inspector index), or null. */
    public ReadOnlyObjectProperty<Presentation> presentationProperty() {
        return presentation.getReadOnlyProperty();
    }

    /** Presentations delivered to the UI thread so far. */
    public long presentationsDelivered() {
        return presentations.deliveries();
    }

    public void start(String preferredContext) {
        session.start(preferredContext);
    }

    public void connect(String contextName) {
        session.connect(contextName);
    }

    public void toggle(String nodeId) {
        graph.toggle(nodeId);
    }

    public Optional<String> search(String text) {
        return selection.search(text);
    }

    public void reveal(String nodeId) {
        graph.reveal(nodeId);
    }

    public void refresh() {
        session.refresh();
    }

    public void updateFreshness() {
        session.updateFreshness();
    }

    public void chooseCluster(String cluster) {
        session.chooseCluster(cluster);
    }

    public void shutdown() {
        session.shutdown();
    }

    public void log(ActivityEntry.Kind kind, String summary) {
        activity.log(kind, summary);
    }

    public void log(ActivityEntry entry) {
        activity.log(entry);
    }

    /** See {@link LoadProgress#awsRead(IdentityState)}. */
    public static boolean awsRead(IdentityState s) {
        return LoadProgress.awsRead(s);
    }

    /** See {@link LoadProgress#kubeListed(IdentityState)}. */
    public static boolean kubeListed(IdentityState s) {
        return LoadProgress.kubeListed(s);
    }

    public Optional<SessionHandle> session() {
        return session.session();
    }

    public String profileForContext(String contextName) {
        return session.profileForContext(contextName);
    }

    public SsoSignInModel ssoSignIn() {
        return session.ssoSignIn();
    }

    public ObservableList<ContextInfo> contexts() {
        return session.contexts();
    }

    public ObservableList<String> kubeconfigProblems() {
        return session.kubeconfigProblems();
    }

    public StringProperty currentContextProperty() {
        return session.currentContextProperty();
    }

    public ReadOnlyObjectProperty<IdentityState> stateProperty() {
        return session.stateProperty();
    }

    public ObservableList<String> clusterChoice() {
        return session.clusterChoice();
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return session.refreshingProperty();
    }

    public ReadOnlyObjectProperty<java.time.Instant> awsReadAtProperty() {
        return session.awsReadAtProperty();
    }

    public ReadOnlyIntegerProperty convertibleCountProperty() {
        return session.convertibleCountProperty();
    }

    public ReadOnlyStringProperty connectionSummaryProperty() {
        return session.connectionSummaryProperty();
    }

    public ReadOnlyObjectProperty<SourceState> connectionStateProperty() {
        return session.connectionStateProperty();
    }

    public BooleanProperty sandboxProperty() {
        return session.sandboxProperty();
    }

    public ReadOnlyObjectProperty<LaidOutGraph> graphProperty() {
        return graph.graphProperty();
    }

    public IntegerProperty graphUpdatesProperty() {
        return graph.graphUpdatesProperty();
    }

    public ObservableSet<String> expanded() {
        return graph.expanded();
    }

    public ObjectProperty<Set<String>> namespaceFilterProperty() {
        return graph.namespaceFilterProperty();
    }

    /** The graph viewport's width / height: namespaces are packed in bands to match it. */
    public javafx.beans.property.DoubleProperty layoutAspectProperty() {
        return graph.layoutAspectProperty();
    }

    public BooleanProperty onlyProblemsProperty() {
        return graph.onlyProblemsProperty();
    }

    public BooleanProperty onlyIrsaProperty() {
        return graph.onlyIrsaProperty();
    }

    public StringProperty selectedNodeIdProperty() {
        return selection.selectedNodeIdProperty();
    }

    public ObservableList<ActivityEntry> activity() {
        return activity.entries();
    }

    /** Read-only mode (preferences): no write action is offered. */
    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public Clock clock() {
        return clock;
    }

    public TaskRunner tasks() {
        return tasks;
    }
}

package io.eksid.ui;

import io.eksid.engine.live.ConsoleBackend;
import io.eksid.engine.live.ContextInfo;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.SessionHandle;
import io.eksid.model.store.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connection: which contexts there are, which one is open, its latest identity state and how live it is,
 * refresh and sign-in. States leave the session's threads for the presentation; what the window shows of them
 * comes back through {@link #accept(Presentation)} on the UI thread.
 */
public final class SessionModel {

    /** How long a refresh may take before the console stops waiting for it and says so. */
    static final Duration REFRESH_PATIENCE = Duration.ofSeconds(60);

    private final ConsoleBackend backend;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ActivityModel activity;
    private final ConsolePreferences preferences;
    private final Consumer<IdentityState> states;
    private final Consumer<IdentityState> prepare;
    private final Runnable connecting;
    private final ObservableList<ContextInfo> contexts = FXCollections.observableArrayList();
    private final ObservableList<String> kubeconfigProblems = FXCollections.observableArrayList();
    private final StringProperty currentContext = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<IdentityState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper convertibleCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper connectionSummary = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyObjectWrapper<SourceState> connectionState = new ReadOnlyObjectWrapper<>(
            SourceState.CONNECTING);
    private final ObservableList<String> clusterChoice = FXCollections.observableArrayList();
    private final Set<String> askedForCluster = new HashSet<>();
    private final BooleanProperty sandbox = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Instant> awsReadAt = new ReadOnlyObjectWrapper<>();
    private final SsoSignInModel ssoSignIn;
    private SessionHandle session;
    /** The context whose states are wanted; read by the sessions' threads to drop a closed context's last states. */
    private volatile String wanted;
    private Instant refreshRequestedAt;
    /** The "Connected" line is written once per connection, when both sides have been read. */
    private boolean connectedLogged;

    /** The contexts read in the background, with the problems found and the current-context. */
    private record Contexts(List<ContextInfo> contexts, List<String> problems, Optional<String> current) {
    }

    /**
     * @param states     receives every identity state of the open context, on the session's threads
     * @param prepare    receives the states of the context opened at start while the UI has not yet switched to
     *                   it, so that their presentation can be computed ahead (it must show nothing)
     * @param connecting called on the UI thread when another context is being opened
     */
    public SessionModel(ConsoleBackend backend, TaskRunner tasks, Clock clock, ActivityModel activity,
                        ConsolePreferences preferences, boolean sandbox, Consumer<IdentityState> states,
                        Consumer<IdentityState> prepare, Runnable connecting) {
        this.backend = Objects.requireNonNull(backend);
        this.tasks = Objects.requireNonNull(tasks);
        this.clock = Objects.requireNonNull(clock);
        this.activity = Objects.requireNonNull(activity);
        this.preferences = Objects.requireNonNull(preferences);
        this.states = Objects.requireNonNull(states);
        this.prepare = Objects.requireNonNull(prepare);
        this.connecting = Objects.requireNonNull(connecting);
        this.sandbox.set(sandbox);
        this.ssoSignIn = new SsoSignInModel(backend, tasks, currentContext::get, preferences.profileForContext(),
                activity::log, this::refresh);
    }

    /**
     * Reads the kubeconfig contexts and opens the preferred, current or first one, both in the background: called
     * before the window is built, so the context's last snapshot is read and presented while the window is being
     * built. Its states are held until the UI thread has switched to the context, then handed on, and only then
     * does the session connect: the clients' start would otherwise compete with the window's for the CPU.
     */
    public void start(String preferredContext) {
        tasks.run(() -> {
            Contexts r = new Contexts(backend.contexts(), backend.kubeconfigProblems(), backend.currentContext());
            String pick = preferredContext != null ? preferredContext
                    : r.current().orElse(r.contexts().isEmpty() ? null : r.contexts().get(0).name());
            if (pick == null) {
                return new Started(r, null, null, null, null);
            }
            HeldStates held = new HeldStates(prepare);
            try {
                return new Started(r, pick, backend.open(pick, preferences.profileForContext().apply(pick), held,
                        held.released), held, null);
            } catch (RuntimeException e) {
                return new Started(r, pick, null, held, e);
            }
        }, started -> {
            Contexts r = started.contexts();
            contexts.setAll(r.contexts());
            kubeconfigProblems.setAll(r.problems());
            r.problems().forEach(p -> activity.log(ActivityEntry.Kind.WARNING, p));
            if (started.pick() == null) {
                connectionSummary.set("No kubeconfig contexts found");
                connectionState.set(SourceState.ERROR);
                return;
            }
            if (started.pick().equals(currentContext.get()) && session != null) {
                closeInBackground(started.session()); // already open: connect() would not open it twice either
                return;
            }
            Consumer<IdentityState> delivery = beginConnecting(started.pick());
            if (started.failure() != null) {
                cannotConnect(started.pick(), started.failure());
            } else {
                opened(started.pick(), started.session());
            }
            started.held().release(delivery);
        }, e -> {
            connectionSummary.set("Cannot read kubeconfig: " + e.getMessage());
            connectionState.set(SourceState.ERROR);
            activity.log(ActivityEntry.Kind.ERROR, "Cannot read kubeconfig: " + e.getMessage());
        });
    }

    /** Switches to another context; the old session is closed. */
    public void connect(String contextName) {
        if (contextName == null || contextName.equals(currentContext.get()) && session != null) {
            return;
        }
        Consumer<IdentityState> delivery = beginConnecting(contextName);
        String profile = preferences.profileForContext().apply(contextName);
        tasks.run(() -> backend.open(contextName, profile, delivery), s -> opened(contextName, s),
                e -> cannotConnect(contextName, e));
    }

    /** Closes the old session and shows {@code contextName} as connecting; returns the delivery for its states. */
    private Consumer<IdentityState> beginConnecting(String contextName) {
        closeSession();
        wanted = contextName;
        currentContext.set(contextName);
        state.set(null);
        connecting.run();
        connectedLogged = false;
        connectionState.set(SourceState.CONNECTING);
        connectionSummary.set("Connecting to " + contextName + "\u2026");
        activity.log(ActivityEntry.Kind.INFO, "Connecting to " + contextName);
        return s -> {
            if (contextName.equals(wanted)) {
                states.accept(s);
            }
        };
    }

    private void opened(String contextName, SessionHandle s) {
        if (!contextName.equals(currentContext.get())) {
            closeInBackground(s);
            return;
        }
        session = s;
        s.snapshotCacheProblems().forEach(p -> activity.log(ActivityEntry.Kind.WARNING, p));
    }

    private void cannotConnect(String contextName, Throwable e) {
        connectionState.set(SourceState.ERROR);
        connectionSummary.set(contextName + ": " + e.getMessage());
        activity.log(ActivityEntry.Kind.ERROR, "Cannot connect to " + contextName + ": " + e.getMessage());
    }

    private void closeInBackground(SessionHandle s) {
        if (s == null) {
            return;
        }
        tasks.run(() -> {
            s.close();
            return Boolean.TRUE;
        }, ok -> { }, e -> { });
    }

    /** The contexts read at start, the context opened with them, and its states held until the UI switched to it. */
    private record Started(Contexts contexts, String pick, SessionHandle session, HeldStates held,
                           RuntimeException failure) {
    }

    /**
     * States of a session opened before the UI thread knew of it: the latest is kept (and prepared) until
     * {@link #release}, then handed on, and every later one goes straight through. Called from the session's
     * threads and the UI thread.
     */
    private static final class HeldStates implements Consumer<IdentityState> {
        /** Completes once the states go through: the session connects then, not while the window is built. */
        final CompletableFuture<Void> released = new CompletableFuture<>();
        private final Consumer<IdentityState> prepare;
        private IdentityState latest;
        private Consumer<IdentityState> target;

        HeldStates(Consumer<IdentityState> prepare) {
            this.prepare = prepare;
        }

        @Override
        public synchronized void accept(IdentityState s) {
            if (target != null) {
                target.accept(s);
            } else {
                latest = s;
                prepare.accept(s);
            }
        }

        void release(Consumer<IdentityState> to) {
            synchronized (this) {
                target = to;
                if (latest != null) {
                    to.accept(latest);
                    latest = null;
                }
            }
            released.complete(null);
        }
    }

    /** A presentation reached the UI thread: true when it is of the open context and now shown. */
    boolean accept(Presentation p) {
        IdentityState s = p.state();
        if (!s.contextName().equals(currentContext.get())) {
            return false;
        }
        state.set(s);
        convertibleCount.set(p.convertible());
        connectionState.set(p.connection().state());
        connectionSummary.set(p.connection().summary());
        if (!connectedLogged && LoadProgress.kubeListed(s) && LoadProgress.awsRead(s)) {
            connectedLogged = true;
            activity.log(ActivityEntry.Kind.INFO, "Connected to " + s.contextName() + ": "
                    + s.graph().counts().serviceAccounts() + " service accounts, " + s.graph().counts().pods()
                    + " pods, " + s.graph().counts().roles() + " roles");
        }
        // the candidates are known once the session has matched the context against EKS
        if (session != null && !session.clusterCandidates().isEmpty() && askedForCluster.add(s.contextName())) {
            clusterChoice.setAll(session.clusterCandidates());
        }
        return true;
    }

    /** Polls AWS now; {@link #refreshingProperty()} stays true until every source has been read again. */
    public void refresh() {
        if (session != null) {
            SessionHandle s = session;
            refreshRequestedAt = clock.instant();
            refreshing.set(true);
            tasks.run(() -> {
                s.refreshNow();
                return Boolean.TRUE;
            }, ok -> { }, e -> {
                refreshing.set(false);
                activity.log(ActivityEntry.Kind.ERROR, "Refresh failed: " + e.getMessage());
            });
        }
    }

    /**
     * Reads how fresh the AWS side is (cheap: no I/O) and ends a pending refresh once every source has been read
     * after it was asked for. The status bar calls this every second, so "AWS read … ago" moves on its own.
     */
    public void updateFreshness() {
        Instant readAt = session == null ? null : session.awsReadAt().orElse(null);
        awsReadAt.set(readAt);
        Instant asked = refreshRequestedAt;
        if (!refreshing.get() || asked == null) {
            return;
        }
        if (readAt != null && !readAt.isBefore(asked)) {
            refreshing.set(false);
            activity.log(ActivityEntry.Kind.INFO, "AWS data read again for " + currentContext.get() + " at "
                    + MainView.time(readAt));
        } else if (clock.instant().isAfter(asked.plus(REFRESH_PATIENCE))) {
            refreshing.set(false);
            activity.log(ActivityEntry.Kind.WARNING, "AWS refresh asked at " + MainView.time(asked)
                    + " has not completed after " + REFRESH_PATIENCE.toSeconds() + " s; the sources' tooltips say why");
        }
    }

    /** The user picked the EKS cluster of the current context: remember it and connect again. */
    public void chooseCluster(String cluster) {
        String context = currentContext.get();
        clusterChoice.clear();
        if (context == null || cluster == null) {
            return;
        }
        try {
            preferences.rememberCluster().accept(context, cluster);
            activity.log(ActivityEntry.Kind.INFO, "Context " + context + " is EKS cluster " + cluster
                    + " (remembered)");
        } catch (java.io.UncheckedIOException e) {
            activity.log(ActivityEntry.Kind.WARNING, "Could not save preferences: " + e.getCause().getMessage());
        }
        closeSession();
        currentContext.set(null);
        connect(context);
    }

    /** Closes the open session in the background: closing can block on the network. */
    private void closeSession() {
        if (session != null) {
            SessionHandle old = session;
            session = null;
            closeInBackground(old);
        }
    }

    public void shutdown() {
        wanted = null;
        closeSession();
    }

    public Optional<SessionHandle> session() {
        return Optional.ofNullable(session);
    }

    /** The AWS profile the preferences name for a context, or null. */
    public String profileForContext(String contextName) {
        return preferences.profileForContext().apply(contextName);
    }

    public SsoSignInModel ssoSignIn() {
        return ssoSignIn;
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

    public ObservableList<String> clusterChoice() {
        return clusterChoice;
    }

    public BooleanProperty sandboxProperty() {
        return sandbox;
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> awsReadAtProperty() {
        return awsReadAt.getReadOnlyProperty();
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
}

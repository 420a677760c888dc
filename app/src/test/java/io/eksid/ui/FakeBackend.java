package io.eksid.ui;

import io.eksid.engine.live.ConsoleBackend;
import io.eksid.engine.live.ContextInfo;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.Readiness;
import io.eksid.engine.live.SessionHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A console backend the test drives by hand: contexts by name, sessions that record what they were asked, and
 * identity states pushed into the open session's listener as the engine would. No network, no threads.
 */
public final class FakeBackend implements ConsoleBackend {

    /** One opened context. */
    public static final class Session implements SessionHandle {
        final String context;
        final String profile;
        final Consumer<IdentityState> listener;
        int refreshes;
        boolean closed;
        Instant awsReadAt;
        List<String> clusterCandidates = List.of();

        Session(String context, String profile, Consumer<IdentityState> listener) {
            this.context = context;
            this.profile = profile;
            this.listener = listener;
        }

        @Override
        public String contextName() {
            return context;
        }

        @Override
        public List<String> snapshotCacheProblems() {
            return List.of();
        }

        @Override
        public List<String> clusterCandidates() {
            return clusterCandidates;
        }

        @Override
        public Optional<Instant> awsReadAt() {
            return Optional.ofNullable(awsReadAt);
        }

        @Override
        public void refreshNow() {
            refreshes++;
        }

        @Override
        public Readiness awaitReady(Duration timeout) {
            return new Readiness(true, List.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<String> contexts;
    final Map<String, Session> opened = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    public FakeBackend(String... contexts) {
        this.contexts = List.of(contexts);
    }

    @Override
    public List<ContextInfo> contexts() {
        return contexts.stream().map(c -> new ContextInfo(c, Path.of("kubeconfig"), "https://" + c, "", "test"))
                .toList();
    }

    @Override
    public List<String> kubeconfigProblems() {
        return List.copyOf(problems);
    }

    @Override
    public Optional<String> currentContext() {
        return contexts.isEmpty() ? Optional.empty() : Optional.of(contexts.get(0));
    }

    @Override
    public SessionHandle open(String contextName, String profileOverride, Consumer<IdentityState> listener) {
        if (!contexts.contains(contextName)) {
            throw new IllegalArgumentException("no context named " + contextName + " in the kubeconfig");
        }
        Session s = new Session(contextName, profileOverride, listener);
        opened.put(contextName, s);
        return s;
    }

    @Override
    public Instant signIn(String contextName, String profileOverride, Consumer<String> show,
                          BooleanSupplier cancelled) {
        show.accept("Open https://device.example and confirm the code ABCD-EFGH.");
        return Instant.parse("2026-01-01T08:00:00Z");
    }

    /** Delivers a state as the open session of its context would (on the calling thread). */
    public void push(IdentityState state) {
        Session s = opened.get(state.contextName());
        if (s == null) {
            throw new IllegalStateException("no session open on " + state.contextName());
        }
        s.listener.accept(state);
    }

    public Session session(String context) {
        return opened.get(context);
    }
}

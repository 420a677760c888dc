package io.eksid.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session with the snapshot cache, against the acme sandbox over HTTP: the first session saves the complete
 * picture; the next one shows it at once, marked with its age, and then only the complete live picture.
 */
class LiveSessionSnapshotCacheTest {

    private static final String CONTEXT = "acme-prod";

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")));
        workspace = new Workspace(Map.of(), dir, executor, Clock.systemUTC());
        workspace.addSource(WorkspaceSource.sandbox(sandbox.kubeconfigPath(), sandbox.awsConfigPath(),
                sandbox.awsCredentialsPath(), "sandbox"));
    }

    @AfterEach
    void stop() throws Exception {
        workspace.close();
        executor.shutdownNow();
        sandbox.close();
    }

    private static void awaitSavedSnapshot(SnapshotCache cache) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (var files = Files.list(cache.folder())) {
                return files.anyMatch(f -> f.toString().endsWith(".json"));
            } catch (java.nio.file.NoSuchFileException e) {
                return false;
            }
        });
    }

    private static boolean cached(IdentityState s) {
        return s.sources().stream().anyMatch(x -> x.source().equals(CachedStart.SOURCE));
    }

    @Test
    void theNextSessionPaintsTheSavedSnapshotFirstThenOnlyTheCompleteLivePicture() throws Exception {
        SnapshotCache cache = new SnapshotCache(dir.resolve("state").resolve("snapshots"));
        workspace.setSnapshotCache(cache);
        List<IdentityState> first = new CopyOnWriteArrayList<>();
        LiveSession one = workspace.open(CONTEXT, null, first::add);
        assertThat(one.awaitReady(Duration.ofSeconds(60)).ready()).isTrue();
        awaitSavedSnapshot(cache);
        int livePods = one.current().snapshot().pods().size();
        assertThat(first).noneMatch(LiveSessionSnapshotCacheTest::cached);
        one.close();

        List<IdentityState> second = new CopyOnWriteArrayList<>();
        LiveSession two = workspace.open(CONTEXT, null, second::add);

        // Delivered before open returned: the whole cached graph, marked with its age.
        assertThat(second).isNotEmpty();
        IdentityState painted = second.get(0);
        assertThat(cached(painted)).isTrue();
        assertThat(painted.snapshot().pods()).hasSize(livePods);
        SourceStatus mark = painted.sources().get(0);
        assertThat(mark.state()).isEqualTo(SourceState.DEGRADED);
        assertThat(mark.reason()).startsWith("showing the snapshot saved at ").contains("ago)")
                .endsWith("until the live data is complete");

        assertThat(two.awaitReady(Duration.ofSeconds(60)).ready()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !cached(second.get(second.size() - 1)));
        // Every live state the listener saw was complete: no half-listed picture replaced the cached one.
        List<IdentityState> live = second.stream().filter(s -> !cached(s)).toList();
        assertThat(live).isNotEmpty().allSatisfy(s -> {
            assertThat(s.snapshot().pods()).hasSize(livePods);
            assertThat(s.sources()).noneMatch(x -> x.state() == SourceState.CONNECTING);
        });
        assertThat(two.snapshotCacheProblems()).isEmpty();
        two.close();
    }

    @Test
    void aCorruptCachedFileIsReportedAndTheSessionGoesLive() throws Exception {
        SnapshotCache cache = new SnapshotCache(dir.resolve("state").resolve("snapshots"));
        workspace.setSnapshotCache(cache);
        String server = workspace.contexts().stream().filter(c -> c.name().equals(CONTEXT)).findFirst()
                .orElseThrow().server();
        Path file = cache.fileFor(CONTEXT + " @ " + server);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"format\":\"eksid-cluster-snapshot\",\"vers");

        List<IdentityState> states = new CopyOnWriteArrayList<>();
        LiveSession session = workspace.open(CONTEXT, null, states::add);

        assertThat(session.snapshotCacheProblems()).singleElement().asString()
                .startsWith("Ignored the cached snapshot " + file).contains("corrupt");
        assertThat(session.awaitReady(Duration.ofSeconds(60)).ready()).isTrue();
        assertThat(states).isNotEmpty().noneMatch(LiveSessionSnapshotCacheTest::cached);
        session.close();
    }

    @Test
    void withASnapshotToShowTheSessionConnectsOnlyWhenToldWithoutOneAtOnce() throws Exception {
        SnapshotCache cache = new SnapshotCache(dir.resolve("state").resolve("snapshots"));
        workspace.setSnapshotCache(cache);
        // no snapshot yet: a stage that never completes does not keep the session from connecting
        LiveSession one = workspace.open(CONTEXT, null, s -> { }, new java.util.concurrent.CompletableFuture<>());
        assertThat(one.awaitReady(Duration.ofSeconds(60)).ready()).isTrue();
        awaitSavedSnapshot(cache);
        one.close();

        List<IdentityState> states = new CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> goLive = new java.util.concurrent.CompletableFuture<>();
        LiveSession two = workspace.open(CONTEXT, null, states::add, goLive);
        assertThat(states).singleElement().matches(LiveSessionSnapshotCacheTest::cached);
        // the snapshot is shown and nothing connects: no source of its own is reported, nothing is read
        assertThat(two.awaitReady(Duration.ofMillis(1500)).ready()).isFalse();
        assertThat(states).allMatch(LiveSessionSnapshotCacheTest::cached);

        goLive.complete(null);
        assertThat(two.awaitReady(Duration.ofSeconds(60)).ready()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !cached(states.get(states.size() - 1)));
        two.close();
    }
}

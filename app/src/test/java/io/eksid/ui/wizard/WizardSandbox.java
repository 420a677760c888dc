package io.eksid.ui.wizard;

import static org.awaitility.Awaitility.await;

import io.eksid.engine.convert.ExecutorSettings;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.LiveSession;
import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.store.SourceState;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The acme sandbox as the console sees it: the real {@link Workspace} and a {@link LiveSession} on acme-prod, over
 * HTTP with the real fabric8 and AWS SDK clients. Test settings only shorten the executor's waits.
 */
final class WizardSandbox implements AutoCloseable {

    static final String CONTEXT = "acme-prod";
    static final ExecutorSettings FAST = new ExecutorSettings(4, 200, 200, 8, Duration.ofSeconds(30),
            Duration.ofMillis(50));

    final Sandbox sandbox;
    final Path dir;
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "wizard-test-live");
        t.setDaemon(true);
        return t;
    });
    final Workspace workspace;
    final JournalFiles journals;
    private final AtomicReference<IdentityState> state = new AtomicReference<>();
    private LiveSession session;

    WizardSandbox(Path dir) {
        this.dir = dir;
        this.sandbox = Sandbox.start(SandboxOptions.acme(dir.resolve("sandbox")));
        this.workspace = new Workspace(Map.of(), dir, executor, Clock.systemUTC());
        workspace.addSource(WorkspaceSource.sandbox(sandbox.kubeconfigPath(), sandbox.awsConfigPath(),
                sandbox.awsCredentialsPath(), "sandbox"));
        this.journals = new JournalFiles(dir.resolve("journal"));
    }

    /** Opens the live session and waits until Kubernetes and AWS are both read. */
    ClusterSnapshot liveSnapshot() {
        if (session == null) {
            session = workspace.open(CONTEXT, null, state::set);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> ready(state.get()));
        return state.get().snapshot();
    }

    /** Both sides read: the cluster matched, Kubernetes listed, every AWS source past its first poll. */
    static boolean ready(IdentityState s) {
        if (s == null || s.snapshot().cluster().arn() == null || s.snapshot().cluster().arn().isEmpty()
                || s.snapshot().serviceAccounts().isEmpty() || s.snapshot().roles().isEmpty()) {
            return false;
        }
        return s.sources().stream().filter(x -> x.source().startsWith("aws/")).count() >= 3
                && s.sources().stream().noneMatch(x -> x.state() == SourceState.CONNECTING);
    }

    WorkspacePlanRunner runner() {
        return new WorkspacePlanRunner(workspace, CONTEXT, null, journals, FAST, Clock.systemUTC());
    }

    @Override
    public void close() {
        workspace.close();
        executor.shutdownNow();
        sandbox.close();
    }
}

package io.eksid.ui.wizard;

import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.CancellationToken;
import io.eksid.engine.convert.ClusterSession;
import io.eksid.engine.convert.ConnectionRequest;
import io.eksid.engine.convert.ExecutionHook;
import io.eksid.engine.convert.ExecutorSettings;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.engine.convert.PlanExecutor;
import io.eksid.engine.convert.Rollback;
import io.eksid.engine.convert.RollbackResult;
import io.eksid.engine.convert.SnapshotLoader;
import io.eksid.engine.convert.StepEvent;
import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.model.time.Sleeper;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link PlanRunner} for one kubeconfig context of the workspace. Writes need their own connection (the live
 * session only reads), opened on first use with the same kubeconfig, AWS files and profile as the live session,
 * and kept until the wizard closes.
 */
public final class WorkspacePlanRunner implements PlanRunner {

    private final Workspace workspace;
    private final String contextName;
    private final String profile;
    private final JournalFiles journals;
    private final ExecutorSettings settings;
    private final Clock clock;
    private ClusterSession session;

    /** @param profile the AWS profile the live session uses for the context (preferences), or null */
    public WorkspacePlanRunner(Workspace workspace, String contextName, String profile, JournalFiles journals,
                               ExecutorSettings settings, Clock clock) {
        this.workspace = workspace;
        this.contextName = contextName;
        this.profile = profile;
        this.journals = journals;
        this.settings = settings;
        this.clock = clock;
    }

    private synchronized ClusterSession session() {
        if (session == null) {
            if (contextName == null) {
                throw new IllegalStateException("not connected to any kubeconfig context");
            }
            WorkspaceSource source = workspace.sourceOf(contextName).orElseThrow(() -> new IllegalStateException(
                    "the kubeconfig context " + contextName + " is no longer in any kubeconfig"));
            session = new SnapshotLoader(workspace.environmentFor(source), workspace.home(), clock).open(
                    new ConnectionRequest(source.kubeconfigFiles(), contextName, profile != null ? profile
                            : source.defaultProfile(), null));
        }
        return session;
    }

    @Override
    public Set<String> writableAccounts() {
        return session().writableAccounts();
    }

    @Override
    public ApplyResult apply(ConversionPlan plan, Consumer<StepEvent> events, CancellationToken cancel) {
        ClusterSession s = session();
        if (!s.cluster().name().equals(plan.cluster().name())) {
            throw new IllegalStateException("the plan is for cluster " + plan.cluster().name() + " but context "
                    + contextName + " is cluster " + s.cluster().name());
        }
        PlanExecutor executor = new PlanExecutor(s.gateways(s.writableAccounts()), settings, new TrustEvaluator(),
                new TrustRewriter(), clock, Sleeper.system());
        return executor.apply(plan, journals.newRun(plan.id(), clock.instant()), events, cancel, ExecutionHook.NONE);
    }

    @Override
    public RollbackResult rollback(String journalId, Consumer<StepEvent> events, CancellationToken cancel) {
        ClusterSession s = session();
        return new Rollback(s.gateways(s.writableAccounts()), settings, clock, Sleeper.system())
                .run(journals.find(journalId), events, cancel);
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}

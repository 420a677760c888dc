package io.eksid.engine.convert;

import io.eksid.model.time.Sleeper;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.Selection;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The acme sandbox reached the way the CLI reaches a real account: kubeconfig and AWS profile files, the real
 * fabric8 and AWS SDK clients over HTTP. Test settings only shorten waits and lift the client-side rate limits.
 */
final class ConvertSandbox implements AutoCloseable {

    static final String PROD = "acme-prod";
    static final ExecutorSettings FAST = new ExecutorSettings(4, 200, 200, 8, Duration.ofSeconds(20),
            Duration.ofMillis(50));

    final Sandbox sandbox;
    final Path dir;
    final Map<String, String> env;

    ConvertSandbox(Path dir) {
        this(dir, SandboxOptions.acme(dir.resolve("sandbox")));
    }

    ConvertSandbox(Path dir, SandboxOptions options) {
        this.dir = dir;
        this.sandbox = Sandbox.start(options);
        this.env = Map.of("KUBECONFIG", sandbox.kubeconfigPath().toString(),
                "AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
    }

    ClusterSession open(String context) {
        return new SnapshotLoader(env, dir, Clock.systemUTC()).open(new ConnectionRequest(
                java.util.List.of(sandbox.kubeconfigPath()), context, "sandbox", null));
    }

    static ConversionPlan plan(ClusterSession session, ConversionOptions options) {
        ClusterSnapshot snapshot = session.snapshot();
        return new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(snapshot, Selection.allIrsa(),
                options.withWritableAccounts(session.writableAccounts()));
    }

    static PlanExecutor executor(ClusterSession session, ExecutorSettings settings) {
        return new PlanExecutor(session.gateways(session.writableAccounts()), settings, new TrustEvaluator(),
                new TrustRewriter(), Clock.systemUTC(), Sleeper.system());
    }

    static Rollback rollback(ClusterSession session) {
        return new Rollback(session.gateways(session.writableAccounts()), FAST, Clock.systemUTC(), Sleeper.system());
    }

    @Override
    public void close() {
        sandbox.close();
    }
}

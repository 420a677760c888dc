package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.UnreadSources;
import io.eksid.model.findings.FindingsAnalyzer;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The window's status bar says "unknown" (with the reason) for what a source that failed would have told. */
class StatusBarUnknownFxTest {

    @TempDir
    static Path dir;
    static final FakeBackend backend = new FakeBackend("prod");
    static MainViewModel vm;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void window() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        ErrorDialogFxTest.onFx(() -> {
            vm = new MainViewModel(backend, TaskRunner.synchronous(), Clock.systemUTC(),
                    LatestWins.Factory.synchronous(Clock.systemUTC()), ConsolePreferences.NONE, true);
            vm.connect("prod");
            Stage stage = new Stage();
            stage.setScene(new Scene(new StatusBarView(vm), 1200, 40));
            stage.show();
            return null;
        });
    }

    @AfterAll
    static void close() throws Exception {
        ErrorDialogFxTest.onFx(() -> {
            vm.shutdown();
            return null;
        });
    }

    private static IdentityState state(UnreadSources unread) {
        ClusterSnapshot s = UiFixtures.snapshot();
        ClusterSnapshot withUnread = new ClusterSnapshot(s.cluster(), s.namespaces(), s.serviceAccounts(), s.pods(),
                s.workloads(), s.associations(), List.of(), s.roles(), s.unreadableRoles(), s.oidcProviders(),
                s.trustPolicyQuota(), null, s.takenAt(), unread);
        IdentityGraph g = IdentityGraph.build(withUnread, new TrustEvaluator());
        List<SourceStatus> sources = new java.util.ArrayList<>(List.of(
                new SourceStatus("kube/connection", SourceState.LIVE, "Kubernetes v1.31.0", Instant.EPOCH)));
        unread.reasons().forEach((source, why) -> sources.add(new SourceStatus(source, SourceState.FORBIDDEN, why,
                Instant.EPOCH)));
        // the AWS sources that were read report LIVE, as the poller's do
        for (String source : List.of("aws/addons", "aws/associations")) {
            if (!unread.reasons().containsKey(source)) {
                sources.add(new SourceStatus(source, SourceState.LIVE, "", Instant.EPOCH));
            }
        }
        return new IdentityState("prod", withUnread, g, new FindingsAnalyzer(new TrustEvaluator(),
                new TrustInspector()).analyze(withUnread, g), sources, 1, Instant.EPOCH, null);
    }

    private String text(String id) throws Exception {
        Label label = robot.lookup("#" + id).queryAs(Label.class);
        return ErrorDialogFxTest.onFx(label::getText);
    }

    @Test
    void beforeAnySourceReportsNothingIsZeroOrMissing() throws Exception {
        ClusterSnapshot s = UiFixtures.snapshot();
        IdentityGraph g = IdentityGraph.build(s, new TrustEvaluator());
        ErrorDialogFxTest.onFx(() -> {
            backend.push(new IdentityState("prod", s, g, List.of(), List.of(), 0, Instant.EPOCH, null));
            return null;
        });
        assertThat(text("status-counts")).isEqualTo("nothing read yet");
        assertThat(text("status-agent")).isEqualTo("Pod Identity agent: unknown");
    }

    @Test
    void unreadAddOnsAndAssociationsAreUnknownNotMissingOrZero() throws Exception {
        ErrorDialogFxTest.onFx(() -> {
            backend.push(state(UnreadSources.of(Map.of("aws/addons", "AccessDeniedException: eks:ListAddons",
                    "aws/associations", "AccessDeniedException: eks:ListPodIdentityAssociations"))));
            return null;
        });
        assertThat(text("status-agent")).isEqualTo("Pod Identity agent: unknown");
        assertThat(text("status-counts")).contains("? associations").doesNotContain(" 0 associations");
        Label agent = robot.lookup("#status-agent").queryAs(Label.class);
        assertThat(ErrorDialogFxTest.onFx(() -> agent.getTooltip().getText()))
                .contains("aws/addons could not be read: AccessDeniedException: eks:ListAddons");
        Label counts = robot.lookup("#status-counts").queryAs(Label.class);
        assertThat(ErrorDialogFxTest.onFx(() -> counts.getTooltip().getText()))
                .contains("aws/associations could not be read");

        ErrorDialogFxTest.onFx(() -> {
            backend.push(state(UnreadSources.NONE));
            return null;
        });
        assertThat(text("status-agent")).isEqualTo("Pod Identity agent: missing");
        assertThat(text("status-counts")).doesNotContain("?");
    }
}

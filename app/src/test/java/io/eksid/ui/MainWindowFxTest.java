package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.engine.live.IdentityState;
import io.eksid.ui.graph.GraphCanvas;
import io.eksid.ui.graph.EdgeStyle;
import io.eksid.ui.graph.GraphColumn;
import io.eksid.ui.graph.GraphPainter;
import io.eksid.ui.graph.GraphPalette;
import io.eksid.ui.graph.LaidOutGraph;
import io.eksid.ui.graph.NodeBadge;
import io.eksid.ui.graph.ViewNode;
import io.eksid.ui.graph.Viewport;
import java.util.List;
import javafx.geometry.Point2D;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The console window on an in-process sandbox, driven as a user would, headless. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    @TempDir
    static Path dir;

    private static ConsoleHarness console;
    private static Scene scene;

    @BeforeAll
    static void sandbox() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        org.testfx.api.FxToolkit.setupFixture(() -> console = new ConsoleHarness(dir));
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Start
    void start(Stage stage) {
        if (scene == null) {
            scene = console.scene(1500, 940);
        }
        stage.setScene(scene);
        stage.show();
        if (console.vm.currentContextProperty().get() == null) {
            console.vm.start("acme-prod");
        }
    }

    private static IdentityState awaitState() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            IdentityState s = console.vm.stateProperty().get();
            return s != null && s.graph().counts().pods() > 100 && s.lastAwsRefresh() != null
                    && !s.snapshot().associations().isEmpty();
        });
        return console.vm.stateProperty().get();
    }

    private static LaidOutGraph awaitGraph() {
        awaitState();
        await().atMost(Duration.ofSeconds(30)).until(() -> console.vm.graphProperty().get().nodeCount() > 40
                && console.vm.graphProperty().get().indexOf("sa:checkout/checkout-worker") >= 0);
        return console.vm.graphProperty().get();
    }

    private static GraphCanvas canvas(FxRobot robot) {
        return robot.lookup("#graph-canvas").queryAs(GraphCanvas.class);
    }

    private static ViewNode viewNode(LaidOutGraph g, String id) {
        return g.node(g.indexOf(id));
    }

    /** Where a node's centre is on screen now. */
    private static Point2D onScreen(FxRobot robot, String id) {
        GraphCanvas c = canvas(robot);
        LaidOutGraph g = c.graph();
        int i = g.indexOf(id);
        Viewport vp = c.viewport();
        Point2D[] p = new Point2D[1];
        robot.interact(() -> p[0] = c.localToScreen(vp.sx(g.x(i) + g.w(i) / 2), vp.sy(g.y(i) + g.h(i) / 2)));
        return p[0];
    }

    private static void showGraphTab(FxRobot robot) {
        robot.interact(() -> {
            console.view.tabs().getSelectionModel().select(1);
            console.view.tabs().getSelectionModel().select(0);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> canvas(robot).isFocused());
    }

    @Test
    void theGraphTakesTheKeyboardFFitsArrowsMoveEnterInspectsEscapeClears(FxRobot robot) {
        LaidOutGraph g = awaitGraph();
        showGraphTab(robot);
        GraphCanvas c = canvas(robot);

        robot.type(KeyCode.F);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Viewport vp = c.viewport();
            LaidOutGraph now = c.graph();
            for (int i = 0; i < now.nodeCount(); i++) {
                assertThat(vp.sx(now.x(i))).as(now.node(i).id()).isGreaterThanOrEqualTo(0);
                assertThat(vp.sx(now.x(i) + now.w(i))).as(now.node(i).id()).isLessThanOrEqualTo(c.getWidth());
                assertThat(vp.sy(now.y(i))).as(now.node(i).id()).isGreaterThanOrEqualTo(GraphPainter.HEADER_BAND);
                assertThat(vp.sy(now.y(i) + now.h(i))).as(now.node(i).id()).isLessThanOrEqualTo(c.getHeight());
            }
        });
        // the legend is docked under the canvas, never over it
        javafx.geometry.Bounds legend = console.view.graphPane().legend().localToScene(
                console.view.graphPane().legend().getLayoutBounds());
        javafx.geometry.Bounds canvasBounds = c.localToScene(c.getLayoutBounds());
        assertThat(legend.getMinY()).isGreaterThanOrEqualTo(canvasBounds.getMaxY() - 0.5);

        robot.interact(() -> c.select("sa:checkout/checkout-worker"));
        robot.type(KeyCode.RIGHT);
        assertThat(console.vm.selectedNodeIdProperty().get())
                .isEqualTo("role:arn:aws:iam::111122223333:role/acme-prod-checkout-worker");
        robot.type(KeyCode.LEFT);
        assertThat(console.vm.selectedNodeIdProperty().get()).startsWith("sa:");
        robot.type(KeyCode.DOWN);
        assertThat(console.view.tabs().getSelectionModel().getSelectedIndex()).as("arrows stay in the graph")
                .isZero();
        robot.type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> console.view.inspector().isFocused());
        // a hover tooltip takes the first Escape for itself (it hides): keep the mouse off the canvas here
        robot.moveTo("#status-counts");
        robot.interact(c::requestFocus);
        await().atMost(Duration.ofSeconds(5)).until(c::isFocused);
        robot.type(KeyCode.ESCAPE);
        assertThat(console.vm.selectedNodeIdProperty().get()).isNull();

        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#search").query().isFocused());
    }

    @Test
    void hoveringANodeHighlightsItsWholePath(FxRobot robot) {
        awaitGraph();
        showGraphTab(robot);
        GraphCanvas c = canvas(robot);
        robot.interact(() -> {
            c.select("sa:checkout/checkout-worker");
            console.vm.selectedNodeIdProperty().set(null);
        });
        robot.moveTo(onScreen(robot, "sa:checkout/checkout-worker"));
        await().atMost(Duration.ofSeconds(5)).until(() -> c.highlightedIds().containsAll(List.of(
                "sa:checkout/checkout-worker", "wl:checkout/Deployment/checkout-worker",
                "role:arn:aws:iam::111122223333:role/acme-prod-checkout-worker")));
    }

    @Test
    void atTheDefaultZoomLabelsAreElevenPixelsAndTheFirstBandsWholeWidthShows(FxRobot robot) {
        LaidOutGraph g = awaitGraph();
        GraphCanvas c = canvas(robot);
        Viewport first = Viewport.initial(g, c.getWidth(), c.getHeight());
        assertThat(first.scale() * GraphPainter.LABEL_UNITS).isGreaterThanOrEqualTo(11);
        // workloads, service accounts and their roles: the first band, up to where the next one starts
        double firstBand = Math.min(g.width(), io.eksid.ui.graph.GroupedLayout.BAND_STEP - 20);
        assertThat(first.sx(firstBand)).isLessThanOrEqualTo(c.getWidth() + 1);
        assertThat(g.nodes()).filteredOn(n -> n.column() == GraphColumn.MAPPING).isNotEmpty();
    }

    @Test
    void clickingAnAssociationDiamondShowsTheAssociation(FxRobot robot) {
        LaidOutGraph g = awaitGraph();
        showGraphTab(robot);
        String assoc = g.nodes().stream().filter(n -> n.column() == GraphColumn.MAPPING && "orders".equals(n.group()))
                .findFirst().orElseThrow().id();
        robot.interact(() -> canvas(robot).select(assoc));
        robot.interact(() -> console.vm.selectedNodeIdProperty().set(null));
        robot.clickOn(onScreen(robot, assoc));
        await().atMost(Duration.ofSeconds(5)).until(() -> assoc.equals(console.vm.selectedNodeIdProperty().get()));
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".inspector .kind").queryAs(Label.class)
                .getText().equals("POD IDENTITY ASSOCIATION"));
        assertThat(robot.lookup(".inspector .title").queryAs(Label.class).getText()).startsWith(assoc.substring(6));
    }

    @Test
    void coloursAreHonestAboutWhatWorks(FxRobot robot) {
        LaidOutGraph g = awaitGraph();
        // the ERROR on orders-fulfillment's association shows on the service account and the diamond
        assertThat(viewNode(g, "sa:orders/orders-fulfillment").badges()).contains(NodeBadge.PROBLEM);
        // the orphaned association (no such service account) is a broken path, not a green one
        for (int j = 0; j < g.edgeCount(); j++) {
            if (g.node(g.edgeFrom(j)).id().equals("sa:ml-training/trainer-legacy")) {
                assertThat(g.edge(j).style()).isEqualTo(EdgeStyle.BROKEN);
            }
        }
        // checkout-worker's IRSA mapping is broken: its service account says so, its pods read red
        assertThat(viewNode(g, "sa:checkout/checkout-worker").detail()).contains("broken");
        String pod = console.vm.stateProperty().get().snapshot().pods().stream()
                .filter(p -> p.serviceAccount().equals("checkout-worker")).findFirst().orElseThrow().name();
        robot.interact(() -> console.vm.selectedNodeIdProperty().set("pod:checkout/" + pod));
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#inspector-answer").tryQuery().isPresent());
        Label answer = robot.lookup("#inspector-answer").queryAs(Label.class);
        assertThat(answer.getText()).isEqualTo("This pod's AWS calls fail: role acme-prod-checkout-worker does not "
                + "trust checkout/checkout-worker");
        assertThat(answer.getStyleClass()).contains("answer-fails");
        // a provider in another account was not listed: that is not "missing"
        assertThat(g.nodes()).filteredOn(n -> n.id().startsWith("oidc:arn:aws:iam::444455556666:"))
                .allSatisfy(n -> assertThat(n.detail()).doesNotContain("missing"));
    }

    @Test
    void aFilterThatLeavesNothingSaysWhichFilterAndHowToGetBack(FxRobot robot) {
        awaitGraph();
        robot.interact(() -> {
            console.vm.namespaceFilterProperty().set(java.util.Set.of("kube-public"));
            console.vm.onlyProblemsProperty().set(true);
        });
        try {
            Label empty = robot.lookup("#graph-empty").queryAs(Label.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> empty.isVisible()
                    && empty.getText().startsWith("Nothing matches namespace kube-public + only problems"));
        } finally {
            robot.interact(() -> {
                console.vm.namespaceFilterProperty().set(java.util.Set.of());
                console.vm.onlyProblemsProperty().set(false);
            });
        }
    }

    @Test
    void aTableTabJoinsTheSceneWhenFirstShownWithItsRowsAlreadyThere(FxRobot robot) {
        IdentityState s = awaitState();
        // not styled nor laid out while another tab is shown: the window's first CSS pass leaves it out
        assertThat(robot.lookup("#roles-table").tryQuery()).isEmpty();
        try {
            robot.interact(() -> console.view.tabs().getSelectionModel().select(3));
            javafx.scene.control.TableView<?> table = robot.lookup("#roles-table").queryAs(
                    javafx.scene.control.TableView.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size()
                    == console.vm.presentationProperty().get().tables().roles().size());
            assertThat(table.getItems()).isNotEmpty();
            assertThat(s.graph().roles()).isNotEmpty();
        } finally {
            showGraphTab(robot);
        }
    }

    @Test
    void aFindingReadsInFullWithItsFixReadyToCopy(FxRobot robot) {
        IdentityState s = awaitState();
        robot.interact(() -> console.view.tabs().getSelectionModel().select(4));
        javafx.scene.control.TableView<?> table = robot.lookup("#findings-table").queryAs(
                javafx.scene.control.TableView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size() == s.findings().size());
        // worst first: the first row is the most severe finding
        Object first = table.getItems().get(0);
        assertThat(((io.eksid.ui.tables.TableRows.FindingRow) first).severity())
                .isEqualTo(s.findings().get(0).severity().name());
        io.eksid.model.findings.Finding trust = s.findings().stream()
                .filter(f -> f.code().equals("IRSA_TRUST_DENIES")).findFirst().orElseThrow();
        robot.interact(() -> {
            for (Object r : table.getItems()) {
                if (((io.eksid.ui.tables.TableRows.FindingRow) r).code().equals("IRSA_TRUST_DENIES")) {
                    ((javafx.scene.control.TableView<Object>) table).getSelectionModel().select(r);
                }
            }
        });
        assertThat(robot.lookup("#finding-message").queryAs(Label.class).getText()).isEqualTo(trust.message());
        assertThat(robot.lookup("#finding-fix").queryAs(javafx.scene.control.TextArea.class).getText())
                .isEqualTo(trust.fix());
        // in the table itself the message wraps instead of being cut: some cell holds all of it
        assertThat(robot.lookup(".wrapped-cell-text").queryAllAs(javafx.scene.text.Text.class))
                .anyMatch(t -> t.getText().replace("\u200B", "").equals(trust.message()));
        assertThat(robot.lookup(".severity-icon-error").tryQuery()).isPresent();
        robot.clickOn("#copy-fix");
        assertThat(robot.lookup("#copy-fix").queryButton().getText()).isEqualTo("Copied");
        robot.interact(() -> console.view.tabs().getSelectionModel().select(0));
    }

    @Test
    void theAwsReadTimeMovesAndRefreshShowsUntilEverySourceWasReadAgain(FxRobot robot) {
        awaitState();
        Label read = robot.lookup("#status-aws-read").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> read.getText().startsWith("AWS read "));
        String before = read.getText();
        await().atMost(Duration.ofSeconds(10)).until(() -> !read.getText().equals(before));
        java.time.Instant clicked = java.time.Instant.now();
        javafx.scene.control.Button refresh = robot.lookup("#refresh").queryButton();
        await().atMost(Duration.ofSeconds(10)).until(() -> !refresh.isDisabled());
        robot.interact(refresh::fire);
        assertThat(console.vm.refreshingProperty().get() || console.vm.activity().stream()
                .anyMatch(e -> e.summary().startsWith("AWS data read again")))
                .as("session " + console.vm.session().isPresent() + ", disabled " + refresh.isDisabled() + ", last "
                        + console.vm.activity().get(0).summary()).isTrue();
        // while the refresh runs the status bar says so (a fast sandbox may already be done: then it says when)
        boolean[] consistent = new boolean[1];
        robot.interact(() -> consistent[0] = console.vm.refreshingProperty().get()
                ? read.getText().equals("Refreshing AWS data\u2026") && refresh.isDisabled()
                : read.getText().startsWith("AWS read "));
        assertThat(consistent[0]).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> !console.vm.refreshingProperty().get());
        assertThat(console.vm.awsReadAtProperty().get()).isAfterOrEqualTo(clicked.minusMillis(50));
        assertThat(console.vm.activity()).anyMatch(e -> e.summary().startsWith("AWS data read again"));
        assertThat(robot.lookup("#refresh").queryButton().isDisabled()).isFalse();
    }

    @Test
    void theSummaryStripAnswersFirstAndEachLinkFiltersTheGraph(FxRobot robot) {
        awaitGraph();
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#summary-broken").tryQuery().isPresent());
        IdentityState s = console.vm.stateProperty().get();
        assertThat(robot.lookup("#summary-irsa").queryAs(javafx.scene.control.Hyperlink.class).getText())
                .isEqualTo(s.graph().counts().irsaMappings() + " IRSA mappings");
        assertThat(robot.lookup("#summary-convertible").queryAs(javafx.scene.control.Hyperlink.class).getText())
                .isEqualTo(s.graph().convertibleIrsaMappings().size() + " convertible now");
        assertThat(robot.lookup("#summary-agent").queryAs(javafx.scene.control.Hyperlink.class).getText())
                .isEqualTo("agent not installed");
        try {
            robot.clickOn("#summary-broken");
            assertThat(console.vm.onlyProblemsProperty().get()).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                LaidOutGraph g = console.vm.graphProperty().get();
                return g.indexOf("sa:checkout/checkout-worker") >= 0 && g.indexOf("sa:catalog/catalog-images") < 0;
            });
            robot.clickOn("#summary-all");
            assertThat(console.vm.onlyProblemsProperty().get()).isFalse();
            assertThat(console.vm.onlyIrsaProperty().get()).isFalse();
        } finally {
            robot.interact(() -> {
                console.vm.onlyProblemsProperty().set(false);
                console.vm.onlyIrsaProperty().set(false);
            });
        }
    }

    @Test
    void everyToolbarButtonStaysOnTheToolbarAt1280Pixels(FxRobot robot) {
        awaitState();
        robot.interact(() -> scene.getWindow().setWidth(1280));
        try {
            for (String id : List.of("#refresh", "#theme-toggle", "#convert-irsa", "#new-association", "#tour-open")) {
                javafx.scene.Node n = robot.lookup(id).query();
                javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
                assertThat(n.isVisible() && b.getMaxX() <= scene.getWidth() + 0.5).as(id).isTrue();
            }
        } finally {
            robot.interact(() -> scene.getWindow().setWidth(1500));
        }
    }

    @Test
    void graphAndStatusBarShowTheScenarioAsKubernetesReportsIt(FxRobot robot) throws Exception {
        IdentityState s = awaitState();
        try (KubernetesClient k = new KubernetesClientBuilder().withConfig(
                Config.fromKubeconfig("acme-prod", Files.readString(console.sandbox.kubeconfigPath()), null)).build()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> console.vm.stateProperty().get().graph().counts()
                    .serviceAccounts() == k.serviceAccounts().inAnyNamespace().list().getItems().size());
            long annotated = k.serviceAccounts().inAnyNamespace().list().getItems().stream()
                    .filter(sa -> sa.getMetadata().getAnnotations() != null
                            && sa.getMetadata().getAnnotations().containsKey("eks.amazonaws.com/role-arn")).count();
            assertThat(console.vm.stateProperty().get().graph().counts().irsaMappings()).isEqualTo((int) annotated);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> console.vm.graphProperty().get().nodeCount() > 40);
        Label counts = robot.lookup("#status-counts").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.getText().contains(
                console.vm.stateProperty().get().graph().counts().serviceAccounts() + " service accounts"));
        assertThat(robot.lookup("#sandbox-banner").query().isVisible()).isTrue();
        assertThat(robot.lookup("#convert-irsa").queryButton().getText())
                .contains("(" + s.graph().convertibleIrsaMappings().size() + ")");
    }

    @Test
    void searchingAServiceAccountSelectsItAndFillsTheInspectorWithExplain(FxRobot robot) {
        awaitState();
        TextField search = robot.lookup("#search").queryAs(TextField.class);
        robot.interact(search::clear);
        robot.clickOn(search).write("catalog-images").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sa:catalog/catalog-images"
                .equals(console.vm.selectedNodeIdProperty().get()));
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup(".inspector .title").queryAs(Label.class)
                .getText().equals("catalog-images"));
        assertThat(robot.lookup("IRSA \u2014 explain").tryQuery()).isPresent();
        assertThat(robot.lookup("#graph-canvas").queryAs(GraphCanvas.class).selectedIdProperty().get())
                .isEqualTo("sa:catalog/catalog-images");
    }

    @Test
    void unknownSearchSaysSoAtTheField(FxRobot robot) {
        awaitState();
        TextField search = robot.lookup("#search").queryAs(TextField.class);
        robot.interact(search::clear);
        robot.clickOn(search).write("no-such-thing-anywhere").type(KeyCode.ENTER);
        assertThat(robot.lookup("No match for \u201cno-such-thing-anywhere\u201d").tryQuery()).isPresent();
    }

    @Test
    void liveChurnUpdatesTheViewWithoutFreezingIt(FxRobot robot) throws Exception {
        awaitState();
        int before = console.vm.graphUpdatesProperty().get();
        console.sandbox.cluster("acme-prod").startChurn(25);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (System.nanoTime() < until) {
                CompletableFuture<Void> ping = new CompletableFuture<>();
                Platform.runLater(() -> ping.complete(null));
                ping.get(5, TimeUnit.SECONDS); // a frozen FX thread fails here: this is the check
                Thread.sleep(50);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> console.vm.graphUpdatesProperty().get() > before);
        } finally {
            console.sandbox.cluster("acme-prod").stopChurn();
        }
    }

    @Test
    void themeToggleSwitchesTheGraphPalette(FxRobot robot) {
        awaitState();
        GraphCanvas canvas = robot.lookup("#graph-canvas").queryAs(GraphCanvas.class);
        robot.clickOn("#theme-toggle");
        await().atMost(Duration.ofSeconds(5)).until(() -> canvas.paletteProperty().get().equals(GraphPalette.dark()));
        robot.clickOn("#theme-toggle");
        await().atMost(Duration.ofSeconds(5)).until(() -> canvas.paletteProperty().get().equals(GraphPalette.light()));
    }

    @Test
    void convertButtonOpensTheWizardForTheWholeCluster(FxRobot robot) {
        awaitState();
        robot.clickOn("#convert-irsa");
        assertThat(console.wizardCalls).contains("convert []");
    }

    @Test
    void graphExportsAsSvgAndPng(FxRobot robot) throws Exception {
        awaitState();
        await().atMost(Duration.ofSeconds(30)).until(() -> console.vm.graphProperty().get().nodeCount() > 40);
        Path svg = dir.resolve("graph.svg");
        Path png = dir.resolve("graph.png");
        javafx.scene.control.Label status = console.view.graphPane().exportStatus();
        robot.interact(() -> console.view.graphPane().exportTo(svg, "svg"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ("Saved " + svg).equals(ErrorDialogFxTest.onFx(
                status::getText)));
        assertThat(Files.readString(svg)).startsWith("<svg").contains("catalog-images");
        robot.interact(() -> console.view.graphPane().exportTo(png, "png"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ("Saved " + png).equals(ErrorDialogFxTest.onFx(
                status::getText)));
        assertThat(Files.size(png)).isGreaterThan(10_000);
        // a folder that does not exist: the toolbar says why, nothing is thrown
        Path nowhere = dir.resolve("no-such-folder").resolve("graph.svg");
        robot.interact(() -> console.view.graphPane().exportTo(nowhere, "svg"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ErrorDialogFxTest.onFx(status::getText)
                .startsWith("Could not export the graph to " + nowhere));
        assertThat(ErrorDialogFxTest.onFx(() -> List.copyOf(console.vm.activity())))
                .anyMatch(a -> a.summary().startsWith("Could not export the graph to " + nowhere));
    }
}

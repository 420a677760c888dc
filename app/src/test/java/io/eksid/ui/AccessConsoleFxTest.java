package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.PodInfo;
import io.eksid.ui.graph.GraphCanvas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console's Permissions section and Who can…? query on acme-staging, headless: the tenants' ABAC role, the
 * graph highlighting exactly the namespace whose tag matches. With {@code -Deksid.screenshots=DIR} it also writes
 * the documentation's screenshots of both.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessConsoleFxTest {

    static final String TENANT_ROLE = "arn:aws:iam::111122223333:role/acme-staging-tenant-data";
    static final String ORDERS_ROLE = "arn:aws:iam::111122223333:role/acme-staging-orders-api";
    static final String TENANT_A_OBJECT = "arn:aws:s3:::acme-tenant-data/tenant-a/orders/2026-12.csv";

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
            console.vm.start("acme-staging");
        }
    }

    private static IdentityState awaitPermissions() {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            IdentityState s = console.vm.stateProperty().get();
            // every source read once: the permissions alone may arrive before the associations that use them
            return s != null && s.sources().stream()
                    .noneMatch(x -> x.state() == io.eksid.model.store.SourceState.CONNECTING)
                    && s.snapshot().rolePermissions(TENANT_ROLE).isPresent()
                    // the trust policy comes from another poll than the permissions: without it the association
                    // is not yet known to work and tenant-a cannot be shown as allowed
                    && s.snapshot().role(TENANT_ROLE).isPresent()
                    && s.snapshot().role(ORDERS_ROLE).isPresent()
                    && s.snapshot().rolePermissions(ORDERS_ROLE).isPresent()
                    && s.snapshot().associations().stream().anyMatch(a -> a.namespace().equals("tenant-a"))
                    && s.graph().agentStatus().present()
                    && s.snapshot().pods().stream().anyMatch(p -> p.namespace().equals("tenant-a"))
                    && console.vm.graphProperty().get() != null && console.vm.graphProperty().get().nodeCount() > 20;
        });
        return console.vm.stateProperty().get();
    }

    @Test
    @Order(1)
    void whoCanHighlightsTheNamespaceWhoseTagMatchesAndTheIrsaRoleWithAManagedPolicy(FxRobot robot) throws Exception {
        awaitPermissions();
        robot.clickOn("#graph-canvas");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.W).release(KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#who-can").tryQuery().isPresent());
        ComboBox<?> action = robot.lookup("#who-can-action").queryAs(ComboBox.class);
        robot.interact(() -> action.getEditor().setText("s3:GetObject"));
        TextField resource = robot.lookup("#who-can-resource").queryAs(TextField.class);
        robot.interact(() -> resource.setText(TENANT_A_OBJECT));
        robot.clickOn("#who-can-run");
        GraphCanvas canvas = robot.lookup("#graph-canvas").queryAs(GraphCanvas.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> canvas.queryMatches() != null);
        TableView<?> answered = robot.lookup("#who-can-results").queryAs(TableView.class);
        // An answer is computed on the state of the moment; the live session keeps polling, so a state can still
        // be missing a piece of tenant-a's path. Ask again (as a user would) until it is answered on a state
        // that holds it; if it never is, the assertion below shows the last answer's rows.
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                if (canvas.queryMatches() != null && canvas.queryMatches().contains("sa:tenant-a/tenant-api")) {
                    return true;
                }
                robot.interact(() -> robot.lookup("#who-can-run").queryButton().fire());
                return false;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // fall through to the assertion, which says what the answer was
        }
        Set<String> lit = canvas.queryMatches();
        assertThat(lit).as(() -> "answer rows: " + answered.getItems() + "\nsources: "
                + console.vm.stateProperty().get().sources()).contains("sa:tenant-a/tenant-api", "ns:tenant-a", "sa:orders/orders-api",
                "role:arn:aws:iam::111122223333:role/acme-staging-orders-api", "role:" + TENANT_ROLE);
        assertThat(lit).doesNotContain("sa:tenant-b/tenant-api", "ns:tenant-b", "sa:tenant-exports/exporter",
                "sa:reporting/report-reader");
        assertThat(lit).contains("wl:tenant-a/Deployment/tenant-api", "wl:tenant-a/Deployment/tenant-migrate");
        TableView<?> results = robot.lookup("#who-can-results").queryAs(TableView.class);
        assertThat(results.getItems()).isNotEmpty();
        assertThat(results.getItems().get(0).toString()).contains("ALLOWED");
        assertThat(results.getItems().stream().map(Object::toString))
                .anyMatch(r -> r.contains("subject=tenant-b/tenant-api") && r.contains("IMPLICIT DENY"));
        assertThat(robot.lookup("#who-can-summary").queryAs(Label.class).getText()).contains("service accounts can s3:GetObject");
        // selecting a line selects its node and brings it into view
        int tenantA = -1;
        for (int i = 0; i < results.getItems().size(); i++) {
            if (results.getItems().get(i).toString().contains("subject=tenant-a/tenant-api")) {
                tenantA = i;
            }
        }
        int row = tenantA;
        robot.interact(() -> results.getSelectionModel().select(row));
        assertThat(console.vm.selectedNodeIdProperty().get()).isEqualTo("sa:tenant-a/tenant-api");
        shot(robot, "who-can-light.png");
    }

    @Test
    @Order(2)
    void permissionsSectionAnswersCanItAndHighlightsTheDecidingStatement(FxRobot robot) throws Exception {
        IdentityState s = awaitPermissions();
        PodInfo pod = s.snapshot().pods().stream().filter(p -> p.namespace().equals("tenant-a")
                && p.name().startsWith("tenant-migrate-")).findFirst().orElseThrow();
        if (robot.lookup("#who-can-close").tryQuery().isPresent()) {
            robot.clickOn("#who-can-close");
        }
        robot.interact(() -> console.vm.selectedNodeIdProperty().set("pod:tenant-a/" + pod.name()));
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#permissions-section").query().isVisible());
        assertThat(robot.lookup("kubernetes-pod-name = " + pod.name()).tryQuery()).isPresent();
        assertThat(robot.lookup("kubernetes-namespace = tenant-a").tryQuery()).isPresent();
        assertThat(robot.lookup("Managed: acme-tenant-data-abac (v1)").tryQuery()).isPresent();
        assertThat(robot.lookup("Boundary: acme-workload-boundary (v1)").tryQuery()).isPresent();

        ComboBox<?> action = robot.lookup("#can-it-action").queryAs(ComboBox.class);
        TextField resource = robot.lookup("#can-it-resource").queryAs(TextField.class);
        robot.interact(() -> {
            action.getEditor().setText("s3:PutObject");
            resource.setText(TENANT_A_OBJECT);
        });
        robot.interact(() -> robot.lookup("#can-it-check").queryButton().fire());
        Label decision = robot.lookup("#can-it-decision").queryAs(Label.class);
        assertThat(decision.getText()).isEqualTo("IMPLICIT DENY");
        assertThat(robot.lookup("#can-it-reason").queryAs(Label.class).getText()).contains("tenant-api-*");
        assertThat(robot.lookup("#can-it-unseen").queryAs(Label.class).getText()).startsWith("Not seen by this answer");

        robot.interact(() -> {
            action.getEditor().setText("s3:GetObject");
            robot.lookup("#can-it-check").queryButton().fire();
        });
        assertThat(decision.getText()).isEqualTo("ALLOWED");
        assertThat(decision.getStyleClass()).contains("state-live");
        // the deciding statement of the ABAC policy and of the boundary are highlighted
        assertThat(robot.lookup(".policy-line-deciding").queryAllAs(Label.class))
                .anyMatch(l -> l.getText().contains("ReadOwnNamespacePrefix"))
                .anyMatch(l -> l.getText().contains("WorkloadCeiling"));
        robot.interact(() -> {
            action.getEditor().setText("GetObject");
            robot.lookup("#can-it-check").queryButton().fire();
        });
        assertThat(decision.getText()).isEqualTo("Enter an action like s3:GetObject");
        robot.interact(() -> {
            action.getEditor().setText("s3:GetObject");
            robot.lookup("#can-it-check").queryButton().fire();
        });
        // for the picture: the identity sections folded, so the Permissions section is in view
        robot.interact(() -> robot.lookup(".inspector .titled-pane").queryAllAs(javafx.scene.control.TitledPane.class)
                .stream().filter(t -> t.getText().equals("Effective identity")).forEach(t -> t.setExpanded(false)));
        robot.interact(() -> console.view.inspector().setVvalue(0.24));
        shot(robot, "permissions-light.png");
    }

    @Test
    @Order(3)
    void closingWhoCanEndsTheHighlight(FxRobot robot) {
        awaitPermissions();
        robot.interact(() -> console.view.openWhoCan());
        robot.clickOn("#who-can-close");
        GraphCanvas canvas = robot.lookup("#graph-canvas").queryAs(GraphCanvas.class);
        assertThat(canvas.queryMatches()).isNull();
        assertThat(robot.lookup("#who-can").tryQuery()).isEmpty();
    }

    /** Writes a documentation screenshot, light and dark, when {@code eksid.screenshots} names a folder. */
    private static void shot(FxRobot robot, String name) throws Exception {
        console.screenshots(robot, scene, name, 1200);
    }
}

package io.eksid.ui.wizard;

import static io.eksid.ui.wizard.WizardFx.node;
import static io.eksid.ui.wizard.WizardFx.onFx;
import static io.eksid.ui.wizard.WizardFx.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.Styles;
import io.eksid.model.ClusterSnapshot;
import io.eksid.sandbox.kube.ResourceCatalog;
import io.eksid.ui.ActivityEntry;
import io.eksid.ui.FxTaskRunner;
import io.eksid.ui.theme.ThemeManager;
import io.eksid.ui.theme.ThemeMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The new-association wizard in its window (headless Monocle) on the acme sandbox: messages only once a field was
 * edited, in reserved lines; the identity of each service account in the list; the confirm step's calls counted as
 * the executor makes them; the restart offer after the create, confirmed before anything restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewAssociationWizardFxTest {

    @TempDir
    static Path dir;
    static WizardSandbox sandbox;
    static ClusterSnapshot snapshot;
    static WorkspacePlanRunner runner;
    static ExecutorService background;
    static ThemeManager theme;
    final FxRobot robot = new FxRobot();
    final List<ActivityEntry> activity = new CopyOnWriteArrayList<>();
    NewAssociationModel model;
    Stage stage;

    @BeforeAll
    static void start() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        sandbox = new WizardSandbox(dir);
        snapshot = sandbox.liveSnapshot();
        runner = sandbox.runner();
        background = Executors.newFixedThreadPool(2);
        theme = onFx(WizardFx::lightTheme);
    }

    @AfterAll
    static void stop() {
        runner.close();
        background.shutdownNow();
        sandbox.close();
    }

    @AfterEach
    void closeWindow() throws Exception {
        onFx(() -> {
            stage.close();
            return null;
        });
    }

    private void open(String ns, String sa) throws Exception {
        onFx(() -> {
            model = new NewAssociationModel(snapshot, new FxTaskRunner(background), runner,
                    new SimpleBooleanProperty(), new SimpleBooleanProperty(), activity::add, () -> { },
                    Clock.systemUTC());
            model.namespaceProperty().set(ns);
            model.serviceAccountProperty().set(sa);
            stage = WizardFx.show(new NewAssociationView(model, () -> stage.close()), theme, 1100, 900);
            return null;
        });
    }

    private static double sceneY(String query) throws Exception {
        return onFx(() -> {
            Node n = node(query);
            n.getScene().getRoot().applyCss();
            n.getScene().getRoot().layout();
            return n.localToScene(n.getBoundsInLocal()).getMinY();
        });
    }

    private static void type(String query, String value) throws Exception {
        onFx(() -> {
            Node n = node(query);
            TextInputControl input = n instanceof ComboBox<?> c ? c.getEditor() : (TextInputControl) n;
            input.setText(value);
            return null;
        });
    }

    private static boolean red(String query) throws Exception {
        return onFx(() -> {
            Node n = node(query);
            TextInputControl input = n instanceof ComboBox<?> c ? c.getEditor() : (TextInputControl) n;
            return input.getPseudoClassStates().contains(Styles.STATE_DANGER);
        });
    }

    @Test
    @Order(1)
    void messagesShowOnlyOnceAFieldWasEditedAndNothingMovesAsTheyClear() throws Exception {
        open("", "");
        // every field is wrong while empty, but nothing has been typed yet: nothing is red
        assertThat(onFx(() -> model.namespaceErrorProperty().get())).isNotNull();
        assertThat(onFx(() -> model.roleErrorProperty().get())).isNotNull();
        for (String id : List.of("#namespace", "#service-account", "#role-arn")) {
            assertThat(onFx(() -> text(id + "-error"))).as(id).isEmpty();
            assertThat(red(id)).as(id).isFalse();
        }
        assertThat(onFx(() -> text("#association-disabled-reason"))).isEmpty();
        double roleY = sceneY("#role-arn");
        double targetY = sceneY("#target-role-arn");

        type("#namespace", "Bad_Namespace");
        assertThat(onFx(() -> text("#namespace-error"))).startsWith("Not a namespace name");
        assertThat(red("#namespace")).isTrue();
        assertThat(onFx(() -> text("#service-account-error"))).as("untouched").isEmpty();
        assertThat(sceneY("#role-arn")).isEqualTo(roleY);

        type("#namespace", "checkout");
        assertThat(onFx(() -> text("#namespace-error"))).isEmpty();
        assertThat(red("#namespace")).isFalse();
        assertThat(sceneY("#role-arn")).isEqualTo(roleY);
        assertThat(sceneY("#target-role-arn")).isEqualTo(targetY);

        // the attempt to continue shows every remaining message, and stays on the fields
        robot.clickOn("#review-association");
        assertThat(onFx(() -> text("#service-account-error"))).startsWith("Enter or pick the service account");
        assertThat(onFx(() -> text("#role-arn-error"))).startsWith("Pick the role");
        assertThat(onFx(() -> text("#association-disabled-reason"))).startsWith("Fix the field marked in red");
        assertThat(onFx(() -> model.phaseProperty().get())).isEqualTo(NewAssociationModel.Phase.EDIT);
        assertThat(sceneY("#role-arn")).isEqualTo(roleY);
    }

    @Test
    @Order(2)
    void theServiceAccountListSaysWhichIdentityEachHasAndFlagsAnAssociatedOne() throws Exception {
        open("orders", "");
        onFx(() -> {
            ((ComboBox<?>) node("#service-account")).show();
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> WizardFx.texts(".list-cell")).stream()
                .anyMatch(t -> t.startsWith("orders-fulfillment")));
        List<String> cells = onFx(() -> WizardFx.texts(".list-cell"));
        assertThat(cells).anySatisfy(t -> assertThat(t).startsWith("orders-api")
                .contains("IRSA \u2192 acme-prod-catalog-reader"));
        assertThat(cells).anySatisfy(t -> assertThat(t).startsWith("orders-fulfillment")
                .contains("Pod Identity \u2192 ").contains("already associated: a second association fails"));
        onFx(() -> {
            ((ComboBox<?>) node("#service-account")).hide();
            return null;
        });

        // picking the associated one says why before any attempt: EKS refuses a second association
        type("#service-account", "orders-fulfillment");
        assertThat(onFx(() -> text("#service-account-error"))).startsWith("An association already exists for "
                + "orders/orders-fulfillment");
        type("#service-account", "orders-api");
        assertThat(onFx(() -> text("#service-account-note"))).startsWith("Has IRSA \u2192 acme-prod-catalog-reader");
    }

    @Test
    @Order(3)
    void theConfirmStepListsExactlyTheCallsTheExecutorMakesThenApplies() throws Exception {
        open("orders", "orders-exporter");
        onFx(() -> {
            model.createRoleProperty().set(true);
            model.newRoleNameProperty().set("orders-exporter");
            model.managedPoliciesProperty().set("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
            return null;
        });
        robot.clickOn("#review-association");
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> node("#create-association").isVisible()));
        // agent add-on, role (create + attach), association: 3 steps, 4 calls, all listed
        assertThat(onFx(() -> text("#confirm-count"))).startsWith("Write 3 steps, 4 API calls to cluster acme-prod");
        List<String> calls = onFx(() -> ((VBox) node("#confirm-calls")).getChildren().stream()
                .filter(n -> n.getId() != null && n.getId().startsWith("confirm-call-"))
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList());
        assertThat(calls).hasSize(4);
        assertThat(calls.get(0)).startsWith("1. eks:CreateAddon");
        assertThat(calls.get(1)).startsWith("2. iam:CreateRole");
        assertThat(calls.get(2)).startsWith("3. iam:AttachRolePolicy orders-exporter");
        assertThat(calls.get(3)).startsWith("4. eks:CreatePodIdentityAssociation");
        assertThat(sandbox.sandbox.awsWorld().hasPodIdentityAssociation("acme-prod", "orders", "orders-exporter"))
                .as("nothing written before the confirmation").isFalse();
        WizardFx.screenshot("#new-association-wizard", "new-association-confirm-light.png");
        onFx(() -> {
            theme.modeProperty().set(ThemeMode.DARK);
            return null;
        });
        WizardFx.screenshot("#new-association-wizard", "new-association-confirm-dark.png");
        onFx(() -> {
            theme.modeProperty().set(ThemeMode.LIGHT);
            return null;
        });

        robot.clickOn("#create-association");
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> text("#association-result"))
                .startsWith("Created the association"));
        // the executor's own count of the writes it sent is the count the confirm step showed
        assertThat(onFx(() -> text("#association-result"))).contains("3 steps, 4 API calls");
        assertThat(sandbox.sandbox.awsWorld().hasPodIdentityAssociation("acme-prod", "orders", "orders-exporter"))
                .isTrue();
    }

    @Test
    @Order(4)
    void afterTheCreateItOffersToRestartTheWorkloadAndRestartsOnlyOnceConfirmed() throws Exception {
        open("checkout", "cart-cache");
        type("#role-arn", NewAssociationModelTest.WORKER_ROLE);
        robot.clickOn("#review-association");
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> node("#create-association").isVisible()));
        robot.clickOn("#create-association");
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> text("#association-result"))
                .startsWith("Created the association"));
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> node("#restart-offer").isVisible()));
        assertThat(onFx(() -> text("#restart-offer"))).startsWith("3 running pods of StatefulSet/cart-cache still "
                + "have the old credentials");
        assertThat(restartedAt()).as("offered, not restarted").isNull();

        robot.clickOn("#restart-workload");
        assertThat(onFx(() -> node("#restart-confirm-text").isVisible())).isTrue();
        assertThat(onFx(() -> text("#restart-confirm-text"))).startsWith("Restart StatefulSet/cart-cache in checkout "
                + "now? Its 3 pods are replaced");
        assertThat(restartedAt()).as("asked, not yet confirmed").isNull();

        robot.clickOn("#confirm-restart");
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> text("#restart-result")).startsWith("Restarted"));
        assertThat(restartedAt()).isNotNull();
        ActivityEntry restart = activity.stream().filter(e -> e.summary().startsWith("Restart of")).findFirst()
                .orElseThrow();
        assertThat(sandbox.journals.find(restart.journalId())).exists();
    }

    private static String restartedAt() {
        return sandbox.sandbox.cluster("acme-prod").store().get(ResourceCatalog.STATEFUL_SETS, "checkout",
                "cart-cache").map(s -> s.path("spec").path("template").path("metadata").path("annotations")
                .path("kubectl.kubernetes.io/restartedAt").asText(null)).orElse(null);
    }
}

package io.eksid.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.StepAction;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.sandbox.aws.AwsWorld;
import io.eksid.ui.ActivityEntry;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.ui.ConsoleComponents;
import io.eksid.ui.ConsolePreferences;
import io.eksid.ui.MainView;
import io.eksid.ui.MainViewModel;
import io.eksid.ui.theme.ThemeManager;
import io.eksid.ui.theme.ThemeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The wizards driven from the real window (headless Monocle) against the acme sandbox: bad input refused at the
 * field, a new association created, and acme-prod converted end to end, proven in the sandbox's AWS state.
 * Also saves the screenshots of the conversion preview and progress used by the docs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WizardWindowTest {

    @TempDir
    static Path dir;
    static WizardSandbox sandbox;
    static ConsoleComponents components;
    static MainViewModel vm;
    static ThemeManager theme;
    static Stage stage;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openWindow() throws Exception {
        // Start the toolkit the way TestFX does, so the window tests behave the same whichever runs first.
        org.testfx.api.FxToolkit.registerPrimaryStage();
        sandbox = new WizardSandbox(dir);
        onFx(() -> {
            // the window as the console builds it, on the sandbox's contexts, journals and fast executor settings
            components = new ConsoleComponents(new ConsoleComponents.Settings(java.util.Map.of(), dir.resolve("home"),
                    Clock.systemUTC(), true, ConsolePreferences.NONE, sandbox.journals, WizardSandbox.FAST,
                    () -> false));
            components.workspace().addSource(WorkspaceSource.sandbox(sandbox.sandbox.kubeconfigPath(),
                    sandbox.sandbox.awsConfigPath(), sandbox.sandbox.awsCredentialsPath(), "sandbox"));
            vm = components.vm();
            theme = components.theme();
            theme.modeProperty().set(ThemeMode.LIGHT);
            stage = new Stage();
            MainView view = components.view(components.wizardActions(stage, () -> { }));
            stage.setScene(new Scene(view, 1200, 780));
            theme.attach(view);
            stage.show();
            vm.start(WizardSandbox.CONTEXT);
            return null;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> WizardSandbox.ready(onFx(() -> vm.stateProperty().get()))
                && onFx(() -> vm.convertibleCountProperty().get()) > 0);
    }

    @AfterAll
    static void closeWindow() throws Exception {
        onFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s) {
                    s.close();
                }
            }
            vm.shutdown();
            return null;
        });
        components.close();
        sandbox.close();
    }

    @Test
    @Order(1)
    void newAssociationRefusesBadInputAtTheFieldThenCreatesOne() throws Exception {
        onFx(() -> {
            vm.selectedNodeIdProperty().set("sa:checkout/cart-cache");
            return null;
        });
        // opened from the selected service account, as the inspector offers it
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> node("#inspector-new-association") != null));
        robot.clickOn("#inspector-new-association");
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> node("#role-arn") != null));

        robot.clickOn("#role-arn").write("arn:aws:iam::444455556666:role/acme-ledger-writer");
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> text("#role-arn-error"))
                .contains("must be in the cluster's account 111122223333"));
        robot.clickOn("#review-association");
        assertThat(onFx(() -> node("#create-association").isVisible())).isFalse();
        assertThat(onFx(() -> text("#association-disabled-reason"))).startsWith("Fix the field marked in red");

        onFx(() -> {
            ((TextInputControl) node("#role-arn")).setText(NewAssociationModelTest.WORKER_ROLE);
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> text("#association-disabled-reason")).isEmpty());
        assertThat(onFx(() -> ((TextInputControl) node("#api-calls")).getText()))
                .contains("eks:CreatePodIdentityAssociation").contains("\"serviceAccount\":\"cart-cache\"");
        robot.clickOn("#review-association");
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> node("#create-association").isVisible()));
        robot.clickOn("#create-association");
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> text("#association-result"))
                .startsWith("Created the association"));
        // the long result next to the buttons must not squeeze them to "Create …" and "…"
        onFx(() -> {
            node("#new-association-wizard").getScene().getWindow().setWidth(860);
            return null;
        });
        assertButtonsReadInFull("#create-association", "#close-association");
        assertThat(sandbox.sandbox.awsWorld().podIdentityAssociation("acme-prod", "checkout", "cart-cache"))
                .hasValueSatisfying(a -> assertThat(a.roleArn()).isEqualTo(NewAssociationModelTest.WORKER_ROLE));
        closeWizard("#new-association-wizard");
    }

    @Test
    @Order(2)
    void convertsAcmeProdEndToEndFromTheWindow() throws Exception {
        robot.clickOn("#convert-irsa");
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> node("#apply") != null
                && !((Button) node("#apply")).isDisabled()));
        ConversionPlan plan = onFx(() -> wizardModel().planProperty().get());
        assertThat(onFx(() -> text("#conversion-summary"))).contains("to convert").contains("skipped").contains("acme-prod");
        screenshot("conversion-preview-light.png");
        onFx(() -> {
            theme.modeProperty().set(ThemeMode.DARK);
            return null;
        });
        screenshot("conversion-preview-dark.png");
        onFx(() -> {
            theme.modeProperty().set(ThemeMode.LIGHT);
            return null;
        });

        robot.clickOn("#apply");
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> node("#confirm-apply").isVisible()));
        // the confirmation of a long plan is a long sentence: Apply and Back must still say what they do
        assertButtonsReadInFull("#confirm-apply", "#back-to-preview", "#close-wizard", "#export");
        onFx(() -> {
            node("#conversion-wizard").getScene().getWindow().setWidth(900);
            return null;
        });
        assertButtonsReadInFull("#confirm-apply", "#back-to-preview", "#close-wizard", "#export");
        assertThat(sandbox.sandbox.awsWorld().podIdentityAssociations("acme-prod"))
                .noneMatch(a -> a.namespace().equals("payments"));
        robot.clickOn("#confirm-apply");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                onFx(() -> wizardModel().phaseProperty().get()) == ConversionWizardModel.Phase.FINISHED);
        screenshot("conversion-progress-light.png");
        assertThat(onFx(() -> text("#apply-result"))).startsWith("Converted");

        AwsWorld aws = sandbox.sandbox.awsWorld();
        for (StepAction.CreateAssociation a : plan.actions(StepAction.CreateAssociation.class)) {
            assertThat(aws.podIdentityAssociation("acme-prod", a.namespace(), a.serviceAccount()))
                    .as(a.namespace() + "/" + a.serviceAccount())
                    .hasValueSatisfying(x -> assertThat(x.roleArn()).isEqualTo(a.roleArn()));
        }
        TrustEvaluator evaluator = new TrustEvaluator();
        for (StepAction.UpdateRoleTrust t : plan.actions(StepAction.UpdateRoleTrust.class)) {
            String doc = TrustPolicy.decodeIamDocument(aws.role(t.roleArn()).orElseThrow().trustPolicy());
            assertThat(evaluator.podIdentity(TrustPolicy.parse(doc), plan.cluster()).allowed()).as(t.roleArn())
                    .isTrue();
        }
        ActivityEntry entry = onFx(() -> vm.activity().stream()
                .filter(e -> e.kind() == ActivityEntry.Kind.CONVERSION && e.summary().startsWith("Conversion"))
                .findFirst().orElseThrow());
        assertThat(sandbox.journals.find(entry.journalId())).exists();
        closeWizard("#conversion-wizard");
    }

    /** Each button shows its whole text on screen: the skin's text node is not an ellipsis of it. */
    private static void assertButtonsReadInFull(String... ids) throws Exception {
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                String[] shown = onFx(() -> {
                    javafx.scene.control.Labeled b = (javafx.scene.control.Labeled) node(id);
                    b.getScene().getRoot().applyCss();
                    b.getScene().getRoot().layout();
                    javafx.scene.text.Text t = (javafx.scene.text.Text) b.lookup(".text");
                    return new String[] {b.getText(), t == null ? null : t.getText()};
                });
                assertThat(shown[1]).as(id).isEqualTo(shown[0]);
            });
        }
    }

    private static ConversionWizardModel wizardModel() {
        Node view = node("#conversion-wizard");
        return ((ConversionWizardView) view).model();
    }

    private void closeWizard(String id) throws Exception {
        onFx(() -> {
            node(id).getScene().getWindow().hide();
            return null;
        });
    }

    /** The first node matching {@code query} in any open window, or null. Call on the FX thread. */
    private static Node node(String query) {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.isShowing()) {
                Node n = w.getScene().getRoot().lookup(query);
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
    }

    private static String text(String query) {
        Node n = node(query);
        return n instanceof Label l && l.getText() != null ? l.getText() : "";
    }

    /** Saves the wizard window as a PNG under target/screenshots, and under eksid.screenshots when set. */
    private static void screenshot(String name) throws Exception {
        javafx.scene.image.WritableImage image = onFx(() -> {
            Scene scene = node("#conversion-wizard").getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        });
        java.awt.image.BufferedImage png = javafx.embed.swing.SwingFXUtils.fromFXImage(image, null);
        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        javax.imageio.ImageIO.write(png, "png", out.resolve(name).toFile());
        String docs = System.getProperty("eksid.screenshots");
        if (docs != null && !docs.isBlank()) {
            Files.createDirectories(Path.of(docs));
            javax.imageio.ImageIO.write(png, "png", Path.of(docs, name).toFile());
        }
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        return io.eksid.ui.FxToolkit.onFx(work);
    }
}

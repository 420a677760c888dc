package io.eksid.ui;

import static org.awaitility.Awaitility.await;

import io.eksid.engine.live.IdentityState;
import io.eksid.ui.theme.ThemeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Writes the documentation's screenshots from the real window on the sandbox. Runs only when asked:
 * {@code scripts/screenshots.sh} (or {@code -Deksid.screenshots=docs/screenshots}).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsFxTest {

    @TempDir
    static Path dir;

    private static ConsoleHarness console;
    private static Scene scene;
    private static Path out;

    @BeforeAll
    static void setUp() throws Exception {
        String target = System.getProperty("eksid.screenshots");
        Assumptions.assumeTrue(target != null && !target.isBlank(), "screenshots only when asked");
        out = Path.of(target).toAbsolutePath();
        Files.createDirectories(out);
        org.testfx.api.FxToolkit.registerPrimaryStage();
        org.testfx.api.FxToolkit.setupFixture(() -> console = new ConsoleHarness(dir));
    }

    @AfterAll
    static void tearDown() {
        if (console != null) {
            console.close();
        }
    }

    @Start
    void start(Stage stage) {
        if (console == null) {
            return;
        }
        if (scene == null) {
            scene = new Scene(console.view, 1500, 940);
            scene.getStylesheets().add(getClass().getResource("/io/eksid/ui/console.css").toExternalForm());
            console.theme.attach(console.view);
            console.vm.start("acme-prod");
        }
        stage.setScene(scene);
        stage.show();
    }

    private static void save(FxRobot robot, String name) throws Exception {
        robot.sleep(1200); // let the canvas pulse and the flash of changed nodes fade
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", out.resolve(name).toFile());
    }

    @Test
    void writeScreenshots(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            IdentityState s = console.vm.stateProperty().get();
            return s != null && s.lastAwsRefresh() != null && s.graph().counts().pods() > 100
                    && console.vm.graphProperty().get().nodeCount() > 40;
        });
        for (ThemeMode mode : new ThemeMode[] {ThemeMode.LIGHT, ThemeMode.DARK}) {
            String suffix = mode == ThemeMode.LIGHT ? "light" : "dark";
            robot.interact(() -> {
                console.theme.modeProperty().set(mode);
                console.view.tabs().getSelectionModel().select(0);
                console.vm.selectedNodeIdProperty().set(null);
            });
            save(robot, "graph-" + suffix + ".png");
            robot.interact(() -> console.vm.selectedNodeIdProperty().set("sa:checkout/checkout-worker"));
            save(robot, "inspector-explain-" + suffix + ".png");
            robot.interact(() -> console.vm.selectedNodeIdProperty()
                    .set("role:arn:aws:iam::111122223333:role/acme-prod-catalog-reader"));
            save(robot, "role-trust-" + suffix + ".png");
            robot.interact(() -> console.view.tabs().getSelectionModel().select(4));
            save(robot, "findings-" + suffix + ".png");
        }
    }
}

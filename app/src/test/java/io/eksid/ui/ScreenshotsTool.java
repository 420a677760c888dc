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
import org.testfx.api.FxRobot;

/**
 * Writes the documentation's screenshots from the real window on the sandbox. A tool, not a test: it checks
 * nothing and is not part of the build's tests; {@code scripts/screenshots.sh} runs it (Maven profile
 * {@code screenshots}, headless on Monocle) with the output folder as its one argument.
 */
public final class ScreenshotsTool {

    private static ConsoleHarness console;
    private static Scene scene;
    private static Path out;

    private ScreenshotsTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: ScreenshotsTool OUTPUT_FOLDER");
            System.exit(2);
        }
        out = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("eksid-screenshots-");
        int status = 1;
        try {
            org.testfx.api.FxToolkit.registerPrimaryStage();
            org.testfx.api.FxToolkit.setupFixture(() -> console = new ConsoleHarness(dir));
            org.testfx.api.FxToolkit.setupStage(ScreenshotsTool::start);
            writeScreenshots(new FxRobot());
            status = 0;
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            if (console != null) {
                console.close();
            }
            // The toolkit's threads would keep the JVM alive.
            System.exit(status);
        }
    }

    private static void start(Stage stage) {
        if (scene == null) {
            scene = console.scene(1500, 940);
            console.theme.modeProperty().set(ThemeMode.LIGHT);
            console.vm.start("acme-prod");
        }
        stage.setScene(scene);
        stage.show();
    }

    private static void save(FxRobot robot, String name, long settleMillis) throws Exception {
        robot.sleep(settleMillis); // let the canvas pulse and the flash of changed nodes fade
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", out.resolve(name).toFile());
    }

    private static void writeScreenshots(FxRobot robot) throws Exception {
        // first run: the step list while the sides are still being read
        robot.sleep(300);
        save(robot, "first-run-light.png", 0);
        robot.interact(() -> console.theme.modeProperty().set(ThemeMode.DARK));
        save(robot, "first-run-dark.png", 0);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            IdentityState s = console.vm.stateProperty().get();
            return s != null && MainViewModel.awsRead(s) && s.graph().counts().pods() > 100
                    && console.vm.graphProperty().get().nodeCount() > 40;
        });
        IdentityState state = console.vm.stateProperty().get();
        String brokenPod = podOf(state, "checkout", "checkout-worker");
        String workingPod = podOf(state, "catalog", "catalog-api");
        for (ThemeMode mode : new ThemeMode[] {ThemeMode.LIGHT, ThemeMode.DARK}) {
            String suffix = mode == ThemeMode.LIGHT ? "light" : "dark";
            robot.interact(() -> {
                console.theme.modeProperty().set(mode);
                console.view.tabs().getSelectionModel().select(0);
                console.vm.selectedNodeIdProperty().set(null);
            });
            save(robot, "graph-" + suffix + ".png", 1200);
            robot.interact(() -> console.vm.selectedNodeIdProperty().set("sa:checkout/checkout-worker"));
            save(robot, "inspector-explain-" + suffix + ".png", 1200);
            robot.interact(() -> console.vm.selectedNodeIdProperty().set("pod:checkout/" + brokenPod));
            save(robot, "pod-broken-" + suffix + ".png", 1200);
            robot.interact(() -> console.vm.selectedNodeIdProperty().set("pod:catalog/" + workingPod));
            save(robot, "pod-working-" + suffix + ".png", 1200);
            robot.interact(() -> console.vm.selectedNodeIdProperty()
                    .set("role:arn:aws:iam::111122223333:role/acme-data-pipeline-etl"));
            save(robot, "role-trust-" + suffix + ".png", 1200);
            robot.interact(() -> {
                console.view.tabs().getSelectionModel().select(4);
                @SuppressWarnings("unchecked")
                javafx.scene.control.TableView<io.eksid.ui.tables.TableRows.FindingRow> t =
                        (javafx.scene.control.TableView<io.eksid.ui.tables.TableRows.FindingRow>)
                                scene.lookup("#findings-table");
                t.getItems().stream().filter(r -> r.code().equals("IRSA_TRUST_DENIES")).findFirst()
                        .ifPresent(r -> t.getSelectionModel().select(r));
            });
            save(robot, "findings-" + suffix + ".png", 1200);
            robot.interact(() -> {
                console.view.tabs().getSelectionModel().select(0);
                console.view.palette().open(console.view);
            });
            robot.write("check");
            savePalette(robot, "palette-" + suffix + ".png");
            robot.interact(() -> console.view.palette().close());
            robot.interact(console.view::startTour);
            save(robot, "tour-" + suffix + ".png", 1200);
            robot.interact(() -> console.view.tour().end());
        }
    }

    /** The window with the command palette over it: a popup is a window of its own, so the two are composed. */
    private static void savePalette(FxRobot robot, String name) throws Exception {
        Thread.sleep(600);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> {
            javafx.scene.image.WritableImage window = scene.snapshot(null);
            javafx.stage.Window popup = javafx.stage.Window.getWindows().stream()
                    .filter(w -> w instanceof javafx.stage.Popup && w.isShowing()).findFirst().orElseThrow();
            javafx.scene.SnapshotParameters clear = new javafx.scene.SnapshotParameters();
            clear.setFill(javafx.scene.paint.Color.TRANSPARENT);
            javafx.scene.image.WritableImage over = popup.getScene().getRoot().snapshot(clear, null);
            javafx.scene.canvas.Canvas c = new javafx.scene.canvas.Canvas(window.getWidth(), window.getHeight());
            c.getGraphicsContext2D().drawImage(window, 0, 0);
            javafx.geometry.Point2D origin = scene.getRoot().localToScreen(0, 0);
            c.getGraphicsContext2D().drawImage(over, popup.getX() - origin.getX(), popup.getY() - origin.getY());
            img[0] = c.snapshot(null, null);
        });
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", out.resolve(name).toFile());
    }

    private static String podOf(IdentityState s, String namespace, String serviceAccount) {
        return s.snapshot().pods().stream().filter(p -> p.namespace().equals(namespace)
                && p.serviceAccount().equals(serviceAccount)).findFirst().orElseThrow().name();
    }
}

package io.eksid.ui.wizard;

import io.eksid.ui.theme.ThemeManager;
import io.eksid.ui.theme.ThemeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Shared helpers of the wizard window tests: one wizard in its own window, lookups on the FX thread, snapshots. */
final class WizardFx {

    private WizardFx() {
    }

    /** Shows {@code root} in a window styled like the console's (its stylesheet and theme). Call on the FX thread. */
    static Stage show(Parent root, ThemeManager theme, double width, double height) {
        Stage stage = new Stage();
        Scene scene = new Scene(root, width, height);
        java.net.URL css = WizardFx.class.getResource("/io/eksid/ui/console.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        theme.attach(root);
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    static ThemeManager lightTheme() {
        ThemeManager theme = new ThemeManager(() -> false);
        theme.modeProperty().set(ThemeMode.LIGHT);
        return theme;
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        return io.eksid.ui.FxToolkit.onFx(work);
    }

    /** The first node matching {@code query} in any showing window, or null. Call on the FX thread. */
    static Node node(String query) {
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

    /** The texts of every labeled node matching {@code query} in any showing window (popups included). */
    static List<String> texts(String query) {
        List<String> out = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.isShowing()) {
                for (Node n : w.getScene().getRoot().lookupAll(query)) {
                    if (n instanceof Labeled l && l.getText() != null) {
                        out.add(l.getText());
                    }
                }
            }
        }
        return out;
    }

    /** Every node matching {@code query} in any showing window. Call on the FX thread. */
    static List<Node> allNodes(String query) {
        List<Node> out = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.isShowing()) {
                w.getScene().getRoot().applyCss();
                w.getScene().getRoot().layout();
                out.addAll(w.getScene().getRoot().lookupAll(query));
            }
        }
        return out;
    }

    static String text(String query) {
        Node n = node(query);
        return n instanceof Labeled l && l.getText() != null ? l.getText() : "";
    }

    /** Saves the scene of {@code node} under target/screenshots, and under eksid.screenshots when set. */
    static void screenshot(String query, String name) throws Exception {
        javafx.scene.image.WritableImage image = onFx(() -> {
            Scene scene = node(query).getScene();
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
}

package io.eksid.ui.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The baseline of {@code eksid bench startup}: a bare JavaFX window, reporting when it is shown. */
public final class BareWindowApp extends Application {

    /** Started from a class that does not extend Application, as the console is, so both launch alike. */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            Application.launch(BareWindowApp.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(new Label("bare window")), 1200, 800));
        stage.setOnShown(e -> Platform.runLater(() -> {
            System.out.println("interactive");
            System.out.flush();
            Platform.exit();
        }));
        stage.show();
    }
}

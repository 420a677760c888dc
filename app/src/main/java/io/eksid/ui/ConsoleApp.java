package io.eksid.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The JavaFX application: the console window. */
public final class ConsoleApp extends Application {

    public static void launchWindow(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("EKS Identity Console");
        stage.setScene(new Scene(new StackPane(new Label("EKS Identity Console")), 1200, 800));
        stage.show();
    }
}

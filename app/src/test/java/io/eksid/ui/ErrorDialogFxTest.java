package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.failure.UserFacingErrors;
import io.eksid.model.UserFacingError;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The window's error dialog: what failed, the cause, the fix, and the chain of causes behind Details. */
class ErrorDialogFxTest {

    private final FxRobot robot = new FxRobot();
    private Alert shown;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (shown != null) {
            onFx(() -> {
                shown.close();
                return null;
            });
        }
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        return FxToolkit.onFx(work);
    }

    @Test
    void anUnreachableClusterReadsAsItDoesOnTheCommandLine() throws Exception {
        Exception refused = new java.io.UncheckedIOException(new java.io.IOException("Connection refused",
                new java.net.ConnectException("Connection refused: /127.0.0.1:1")));
        UserFacingError error = UserFacingErrors.of("cannot read context dead", "dead",
                new io.eksid.kube.KubeException(io.eksid.kube.KubeFailure.UNREACHABLE, "connect to "
                        + "http://127.0.0.1:1 (context dead) failed: connection refused", 0, refused));
        shown = onFx(() -> {
            Stage owner = new Stage();
            owner.setScene(new Scene(new StackPane(), 400, 300));
            owner.show();
            return new DialogService(() -> owner).showError(error);
        });
        DialogPane pane = robot.lookup("#" + DialogService.ERROR_DIALOG_ID).queryAs(DialogPane.class);
        assertThat(onFx(pane::getHeaderText)).isEqualTo("Cannot read context dead");
        Label cause = robot.lookup("#" + DialogService.ERROR_CAUSE_ID).queryAs(Label.class);
        assertThat(onFx(cause::getText)).isEqualTo("connect to http://127.0.0.1:1 (context dead) failed: "
                + "connection refused");
        Label fix = robot.lookup("#" + DialogService.ERROR_FIX_ID).queryAs(Label.class);
        assertThat(onFx(fix::getText)).isEqualTo("Fix: Check the context's server URL and the network: kubectl "
                + "--context dead get namespaces");
        // The details are behind the dialog's own toggle, not in the body.
        assertThat(onFx(pane::isExpanded)).isFalse();
        TextArea details = (TextArea) onFx(pane::getExpandableContent);
        assertThat(details.getText()).contains("io.eksid.kube.KubeException: connect to")
                .contains("java.net.ConnectException: Connection refused: /127.0.0.1:1")
                .doesNotContain("\tat ");
        onFx(() -> {
            pane.setExpanded(true);
            return null;
        });
        assertThat(robot.lookup("#" + DialogService.ERROR_DETAILS_ID).tryQuery()).isPresent();
    }

    @Test
    void badInputWithoutDetailsHasNoDetailsToggle() throws Exception {
        UserFacingError error = UserFacingError.badInput("the selection names nothing to convert",
                "service account nowhere/nobody does not exist in cluster acme-prod", "");
        shown = onFx(() -> new DialogService(() -> null).showError(error));
        DialogPane pane = robot.lookup("#" + DialogService.ERROR_DIALOG_ID).queryAs(DialogPane.class);
        assertThat(onFx(() -> pane.getScene().getWindow().isShowing())).isTrue();
        assertThat(onFx(pane::getExpandableContent)).isNull();
        assertThat(robot.lookup("#" + DialogService.ERROR_FIX_ID).tryQuery()).isEmpty();
        assertThat(onFx(shown::getTitle)).isEqualTo("Cannot use this input");
    }
}

package io.eksid.ui;

import io.eksid.model.UserFacingError;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The one place the window shows errors and asks for confirmation. An error reads as everywhere else (the CLI's
 * {@code eksid <command>: ...} lines): what failed as the header, the cause and the fix in the body, and the chain
 * of causes behind the dialog's "Details" toggle. Stack traces stay in the log file.
 */
public final class DialogService {

    public static final String ERROR_DIALOG_ID = "error-dialog";
    public static final String ERROR_CAUSE_ID = "error-cause";
    public static final String ERROR_FIX_ID = "error-fix";
    public static final String ERROR_DETAILS_ID = "error-details";

    private final Supplier<Window> owner;

    public DialogService(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Shows the error without blocking the caller (FX thread). */
    public Alert showError(UserFacingError error) {
        Alert alert = errorDialog(error);
        alert.show();
        return alert;
    }

    /** Asks; true only for OK. */
    public boolean confirm(String header, String text) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, ButtonType.OK);
        Window w = owner.get();
        if (w != null) {
            confirm.initOwner(w);
        }
        confirm.setHeaderText(header);
        return confirm.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK;
    }

    Alert errorDialog(UserFacingError error) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        alert.setTitle(error.badInput() ? "Cannot use this input" : "Something could not be done");
        alert.getDialogPane().setId(ERROR_DIALOG_ID);
        alert.setHeaderText(error.failed().isEmpty() ? error.cause() : capitalised(error.failed()));
        Label cause = new Label(error.cause());
        cause.setId(ERROR_CAUSE_ID);
        cause.setWrapText(true);
        VBox body = new VBox(8, cause);
        if (!error.fix().isEmpty()) {
            Label fix = new Label("Fix: " + error.fix());
            fix.setId(ERROR_FIX_ID);
            fix.setWrapText(true);
            body.getChildren().add(fix);
        }
        body.setPrefWidth(560);
        alert.getDialogPane().setContent(body);
        if (!error.details().isEmpty()) {
            TextArea details = new TextArea(String.join("\n", error.details())
                    + "\n\nThe log file has the full record.");
            details.setId(ERROR_DETAILS_ID);
            details.setEditable(false);
            details.setWrapText(true);
            details.setPrefRowCount(8);
            alert.getDialogPane().setExpandableContent(details); // the dialog's own "Show Details" toggle
        }
        return alert;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

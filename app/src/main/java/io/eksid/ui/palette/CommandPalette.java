package io.eksid.ui.palette;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Window;

/**
 * Ctrl+K: one field that goes to any node by a part of its name and runs any action by its name. Up and Down pick
 * a line, Enter runs it, Escape closes.
 */
public final class CommandPalette {

    private static final int MAX_LINES = 40;

    private final Popup popup = new Popup();
    private final TextField query = new TextField();
    private final ListView<PaletteEntry> list = new ListView<>();
    private final List<PaletteEntry> actions;
    private final Supplier<List<PaletteEntry>> nodes;
    private List<PaletteEntry> all = List.of();

    /**
     * @param actions every action, fixed
     * @param nodes   the nodes to go to, read each time the palette opens (the cluster changes while it is closed)
     */
    public CommandPalette(List<PaletteEntry> actions, Supplier<List<PaletteEntry>> nodes) {
        this.actions = List.copyOf(actions);
        this.nodes = nodes;
        query.setId("palette-query");
        query.setPromptText("Go to a service account, workload, role\u2026 or run an action");
        list.setId("palette-list");
        list.setPrefSize(620, 360);
        list.setCellFactory(v -> new EntryCell());
        query.textProperty().addListener((o, a, b) -> filter(b));
        query.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        list.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                runSelected();
            }
        });
        VBox box = new VBox(6, query, list);
        box.setId("command-palette");
        // "root" so the theme's colour variables resolve inside the popup's own scene
        box.getStyleClass().addAll("root", "command-palette");
        box.setPadding(new Insets(8));
        popup.getContent().add(box);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
    }

    /** Opens over the top middle of {@code owner}'s window, with an empty query. */
    public void open(Node owner) {
        Window w = owner.getScene().getWindow();
        all = new ArrayList<>(actions);
        all.addAll(nodes.get());
        query.clear();
        filter("");
        Region box = (Region) popup.getContent().get(0);
        if (!popup.getScene().getStylesheets().equals(owner.getScene().getStylesheets())) {
            popup.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        // not yet shown, the box has no size of its own: centre it by the list's width and the padding
        double width = list.getPrefWidth() + box.getPadding().getLeft() + box.getPadding().getRight();
        popup.show(w, w.getX() + Math.max(0, (w.getWidth() - width) / 2), w.getY() + 80);
        query.requestFocus();
    }

    public boolean isShowing() {
        return popup.isShowing();
    }

    public void close() {
        popup.hide();
    }

    private void filter(String text) {
        String q = text == null ? "" : text;
        List<PaletteEntry> hits = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (PaletteEntry e : all) {
            int s = FuzzyMatch.score(q, e.title());
            if (s != FuzzyMatch.NO_MATCH) {
                // actions first while nothing is typed, then by how well the name matches
                hits.add(e);
                scores.add(q.isBlank() && e.kind() == PaletteEntry.Kind.ACTION ? -1 : s);
            }
        }
        Integer[] order = new Integer[hits.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(scores::get));
        List<PaletteEntry> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_LINES, order.length); i++) {
            shown.add(hits.get(order[i]));
        }
        list.getItems().setAll(shown);
        if (!shown.isEmpty()) {
            list.getSelectionModel().select(0);
            list.scrollTo(0);
        }
    }

    private void key(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            runSelected();
            e.consume();
        } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP) {
            int i = list.getSelectionModel().getSelectedIndex() + (e.getCode() == KeyCode.DOWN ? 1 : -1);
            if (i >= 0 && i < list.getItems().size()) {
                list.getSelectionModel().select(i);
                list.scrollTo(i);
            }
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            close();
            e.consume();
        }
    }

    private void runSelected() {
        PaletteEntry e = list.getSelectionModel().getSelectedItem();
        if (e != null) {
            close();
            e.run().run();
        }
    }

    private static final class EntryCell extends ListCell<PaletteEntry> {
        private final Label title = new Label();
        private final Label detail = new Label();
        private final HBox row = new HBox(10, title, detail);

        EntryCell() {
            detail.getStyleClass().add("muted");
            detail.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(title, Priority.ALWAYS);
            title.setMaxWidth(Double.MAX_VALUE);
            title.setMinWidth(0);
            // the list never scrolls sideways: a long name is cut with an ellipsis
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(PaletteEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
            } else {
                title.setText((item.kind() == PaletteEntry.Kind.ACTION ? "\u25B6 " : "") + item.title());
                detail.setText(item.detail());
                setGraphic(row);
                setText(null);
            }
        }
    }
}

package io.eksid.ui.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.engine.settings.TableLayoutStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Column order, widths, visibility and sort survive a restart, through the file in the config folder. */
@ExtendWith(ApplicationExtension.class)
class ColumnChoicesFxTest {

    @TempDir
    Path dir;

    private record Row(String a, String b, String c) {
    }

    private FilterableTable<Row> before;
    private FilterableTable<Row> after;

    private static FilterableTable<Row> table() {
        FilterableTable<Row> t = new FilterableTable<>("rows", Row::a, Row::a, new SimpleStringProperty());
        t.text("Alpha", Row::a, 120);
        t.text("Beta", Row::b, 120);
        t.text("Gamma", Row::c, 120);
        t.setRows(List.of(new Row("1", "z", "x"), new Row("2", "y", "w")));
        return t;
    }

    @Start
    void start(Stage stage) {
        before = table();
        after = table();
        stage.setScene(new Scene(new HBox(before, after), 900, 400));
        stage.show();
    }

    private static List<String> titles(TableView<?> t) {
        return t.getColumns().stream().map(TableColumn::getText).toList();
    }

    @Test
    void choicesMadeInOneRunAreRestoredInTheNext(FxRobot robot) throws Exception {
        Path file = dir.resolve("config").resolve("tables.json");
        TableLayoutStore store = new TableLayoutStore(file, new ObjectMapper());
        Executor now = Runnable::run;
        ColumnChoices first = new ColumnChoices(store, now, msg -> { throw new AssertionError(msg); });
        robot.interact(() -> first.attach(Map.of("rows", before.table()), first.load()));
        robot.interact(() -> {
            TableView<Row> t = before.table();
            TableColumn<Row, ?> gamma = t.getColumns().get(2);
            t.getColumns().remove(gamma);
            t.getColumns().add(0, gamma);
            t.getColumns().get(1).setPrefWidth(210);
            t.getColumns().get(2).setVisible(false);
            gamma.setSortType(TableColumn.SortType.DESCENDING);
            t.getSortOrder().setAll(List.of(gamma));
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file)
                && Files.readString(file).contains("DESCENDING") && Files.readString(file).contains("false"));

        // the table's resize policy shares out the spare width: what is remembered is the width the user saw
        double seen = before.table().getColumns().get(1).getWidth();
        assertThat(seen).isGreaterThan(200);
        ColumnChoices second = new ColumnChoices(store, now, msg -> { throw new AssertionError(msg); });
        robot.interact(() -> second.attach(Map.of("rows", after.table()), second.load()));
        TableView<Row> t = after.table();
        assertThat(titles(t)).containsExactly("Gamma", "Alpha", "Beta");
        assertThat(t.getColumns().get(1).getPrefWidth()).isCloseTo(seen, org.assertj.core.data.Offset.offset(1.0));
        assertThat(t.getColumns().get(2).isVisible()).isFalse();
        assertThat(t.getSortOrder()).extracting(TableColumn::getText).containsExactly("Gamma");
        assertThat(t.getColumns().get(0).getSortType()).isEqualTo(TableColumn.SortType.DESCENDING);
        assertThat(t.getItems()).extracting(Row::c).containsExactly("x", "w");
    }

    @Test
    void aDamagedFileIsReportedAndTheTableKeepsItsDefaults(FxRobot robot) throws Exception {
        Path file = dir.resolve("tables.json");
        Files.writeString(file, "{ not json");
        List<String> problems = new java.util.ArrayList<>();
        ColumnChoices choices = new ColumnChoices(new TableLayoutStore(file, new ObjectMapper()), Runnable::run,
                problems::add);
        robot.interact(() -> choices.attach(Map.of("rows", after.table()), choices.load()));
        assertThat(problems).singleElement().asString().contains(file.toString());
        assertThat(titles(after.table())).containsExactly("Alpha", "Beta", "Gamma");
    }
}

package io.eksid.ui;

import io.eksid.engine.live.ContextInfo;
import io.eksid.ui.theme.ThemeManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** The window's toolbar: context, namespace filter, search, Who can…?, Convert, New association, Refresh, theme. */
final class MainToolbar extends ToolBar {

    static final String ALL_NAMESPACES = "All namespaces";

    private final ComboBox<String> namespaces = new ComboBox<>();
    private final TextField search = new TextField();

    /**
     * @param showGraph  shows the Graph tab (a search hit is selected there)
     * @param openWhoCan opens the Who can…? panel
     * @param openTour   starts the guided tour again
     */
    MainToolbar(MainViewModel vm, ThemeManager theme, MainView.Actions actions, Runnable showGraph,
                Runnable openWhoCan, Runnable openTour) {
        ComboBox<String> contexts = new ComboBox<>();
        contexts.setId("context-switcher");
        contexts.setPromptText("Context");
        contexts.setPrefWidth(160);
        contexts.setTooltip(new Tooltip("Kubeconfig context: which cluster the console shows"));
        vm.contexts().addListener((ListChangeListener<ContextInfo>) c ->
                contexts.getItems().setAll(vm.contexts().stream().map(ContextInfo::name).toList()));
        contexts.valueProperty().bindBidirectional(vm.currentContextProperty());
        contexts.valueProperty().addListener((o, a, b) -> vm.connect(b));

        namespaces.setId("namespace-filter");
        namespaces.getItems().add(ALL_NAMESPACES);
        namespaces.setValue(ALL_NAMESPACES);
        namespaces.setPrefWidth(140);
        namespaces.setTooltip(new Tooltip("Show one namespace in the graph"));
        namespaces.valueProperty().addListener((o, a, b) -> vm.namespaceFilterProperty().set(
                b == null || b.equals(ALL_NAMESPACES) ? Set.of() : Set.of(b)));

        search.setId("search");
        search.setTooltip(new Tooltip("Find a service account, role, pod or namespace (Ctrl+F); Enter selects it"));
        search.setPromptText("Search (Ctrl+F)\u2026");
        search.setPrefWidth(190);
        Label notFound = new Label();
        notFound.setId("search-not-found");
        notFound.getStyleClass().add("field-error");
        // A long miss message must not push Refresh and the theme toggle into the toolbar's overflow menu.
        notFound.setMaxWidth(140);
        notFound.setPrefWidth(Region.USE_COMPUTED_SIZE);
        notFound.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_WORD_ELLIPSIS);
        notFound.textProperty().addListener((o, a, b) -> notFound.setTooltip(b == null || b.isEmpty() ? null
                : new Tooltip(b)));
        search.setOnAction(e -> {
            boolean found = vm.search(search.getText()).isPresent();
            notFound.setText(found || search.getText().isBlank() ? "" : "No match for \u201c" + search.getText() + "\u201d");
            if (found) {
                showGraph.run();
            }
        });

        Button convert = new Button("Convert IRSA\u2026", new FontIcon(MaterialDesignS.SWAP_HORIZONTAL));
        convert.setId("convert-irsa");
        convert.getStyleClass().add("convert-button");
        // no count before the AWS side was read: "(0)" would be a number nobody measured
        convert.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            Presentation p = vm.presentationProperty().get();
            return p == null || !p.summary().awsRead() ? "Convert\u2026"
                    : "Convert\u2026 (" + vm.convertibleCountProperty().get() + ")";
        }, vm.presentationProperty(), vm.convertibleCountProperty()));
        convert.disableProperty().bind(vm.convertibleCountProperty().isEqualTo(0).or(vm.readOnlyProperty()));
        convert.setTooltip(new Tooltip("Convert IRSA\u2026: preview the conversion of every IRSA mapping of this cluster "
                + "to Pod Identity"));
        convert.setOnAction(e -> actions.convert(List.of()));
        Button newAssoc = new Button("Associate\u2026", new FontIcon(MaterialDesignP.PLUS));
        newAssoc.setId("new-association");
        newAssoc.setTooltip(new Tooltip("New association\u2026: give a service account an IAM role through Pod Identity"));
        newAssoc.setOnAction(e -> {
            String sel = vm.selectedNodeIdProperty().get();
            actions.newAssociation(io.eksid.model.graph.NodeId.tryParse(sel).orElse(null)
                    instanceof io.eksid.model.graph.NodeId.ServiceAccount ? sel : null);
        });
        newAssoc.disableProperty().bind(vm.stateProperty().isNull().or(vm.readOnlyProperty()));
        Button refresh = new Button(null, new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("refresh");
        refresh.setTooltip(new Tooltip("Read the AWS side (roles, associations, providers, add-ons) again now"));
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.refreshingProperty().or(vm.stateProperty().isNull()));
        ProgressIndicator spinning = new ProgressIndicator();
        spinning.setPrefSize(16, 16);
        vm.refreshingProperty().addListener((o, a, busy) -> refresh.setGraphic(busy ? spinning
                : new FontIcon(MaterialDesignR.REFRESH)));
        Button themeToggle = new Button(null, new FontIcon(MaterialDesignW.WEATHER_NIGHT));
        themeToggle.setId("theme-toggle");
        themeToggle.setTooltip(new Tooltip("Switch light / dark"));
        themeToggle.setOnAction(e -> theme.toggle());
        theme.darkProperty().addListener((o, a, d) -> themeToggle.setGraphic(new FontIcon(d
                ? MaterialDesignW.WEATHER_SUNNY : MaterialDesignW.WEATHER_NIGHT)));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox searchBox = new HBox(6, search, notFound);
        searchBox.setAlignment(Pos.CENTER_LEFT);
        Label app = new Label(null, new FontIcon(MaterialDesignM.MAP_MARKER_PATH));
        app.setTooltip(new Tooltip("EKS Identity Console"));
        // Icon only: the toolbar must keep its other buttons visible in a 1,280-pixel window.
        Button whoCanButton = new Button(null, new FontIcon(MaterialDesignA.ACCOUNT_SEARCH));
        whoCanButton.setId("who-can-open");
        whoCanButton.setTooltip(new Tooltip("Who can\u2026? Which service accounts and pods may call an action on a "
                + "resource (Ctrl+Shift+W)"));
        whoCanButton.setOnAction(e -> openWhoCan.run());
        Button help = new Button(null, new FontIcon(MaterialDesignH.HELP_CIRCLE_OUTLINE));
        help.setId("tour-open");
        help.setTooltip(new Tooltip("Guided tour: a broken mapping, a service account ready to convert, and the "
                + "Convert button"));
        help.setOnAction(e -> openTour.run());
        getItems().addAll(app, contexts, namespaces, searchBox, spacer, whoCanButton, convert, newAssoc, refresh,
                themeToggle, help);
    }

    /** The namespace filter's choices follow the cluster's namespaces; a chosen one that is gone falls back to all. */
    void showNamespaces(List<String> names) {
        List<String> items = new ArrayList<>();
        items.add(ALL_NAMESPACES);
        items.addAll(names);
        if (!namespaces.getItems().equals(items)) {
            String keep = namespaces.getValue();
            namespaces.getItems().setAll(items);
            namespaces.setValue(items.contains(keep) ? keep : ALL_NAMESPACES);
        }
    }

    void showAllNamespaces() {
        namespaces.setValue(ALL_NAMESPACES);
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }
}

package io.eksid.ui;

import io.eksid.ui.graph.GraphPalette;
import io.eksid.ui.graph.GraphPane;
import io.eksid.ui.inspector.InspectorModel;
import io.eksid.ui.inspector.InspectorView;
import io.eksid.ui.inspector.PermissionsSection;
import io.eksid.ui.theme.ThemeManager;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The console window's content, built in code: toolbar, navigator, tabs, inspector, status bar. */
public final class MainView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MainViewModel vm;
    private final GraphPane graphPane;
    private final InspectorView inspector = new InspectorView();
    private final InspectorModel inspectorModel = new InspectorModel();
    private final PermissionsSection permissions = new PermissionsSection();
    private final WhoCanViewModel whoCanModel;
    private final WhoCanView whoCan;
    private final SplitPane work = new SplitPane();
    private final TabPane tabs = new TabPane();
    private final Tab findingsTabItem;
    private final ClusterTables tables;
    private final SummaryStrip summaryStrip = new SummaryStrip(this::focus);
    private final NavigatorView navigator;
    private final SplitPane split;
    private final MainToolbar toolBar;
    private javafx.scene.Node fleet;
    private final io.eksid.ui.palette.CommandPalette palette;
    private final io.eksid.ui.tour.GuidedTour tour;

    /** Actions that open wizards or start the sandbox; the composition root wires them to the engine. */
    public interface Actions {
        void convert(List<String> subjectNodeIds);

        void newAssociation(String serviceAccountNodeId);

        void openSandbox();

        void rollback(String journalId);
    }

    public MainView(MainViewModel vm, ThemeManager theme, Actions actions) {
        this.vm = vm;
        this.graphPane = new GraphPane(vm.tasks());
        this.whoCanModel = new WhoCanViewModel(vm.tasks(), vm.stateProperty()::get);
        this.whoCan = new WhoCanView(whoCanModel, vm.selectedNodeIdProperty(), this::closeWhoCan);
        setId("main-view");
        tables = new ClusterTables(vm.selectedNodeIdProperty(), id -> {
            vm.selectedNodeIdProperty().set(id);
            tabs.getSelectionModel().select(0);
        });
        java.util.function.Consumer<String> goTo = id -> {
            showCluster();
            tabs.getSelectionModel().select(0);
            vm.selectedNodeIdProperty().set(id);
        };
        toolBar = new MainToolbar(vm, theme, actions, () -> tabs.getSelectionModel().select(0), this::openWhoCan,
                this::startTour);
        palette = PaletteCommands.create(vm, actions, theme, graphPane, this::openWhoCan, this::startTour, goTo);
        tables.findingsView.setOnFix((fix, id) -> FindingFixes.open(fix, id, vm.stateProperty().get(), actions));
        VBox top = new VBox(banner(vm), toolBar);
        setTop(top);
        navigator = new NavigatorView(vm, actions::openSandbox);
        setLeft(navigator);
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        findingsTabItem = lazyTab("Findings", tables.findingsView);
        tabs.getTabs().addAll(new Tab("Graph", graphPane), lazyTab("Service accounts", tables.serviceAccounts),
                lazyTab("Associations", tables.associations), lazyTab("Roles", tables.roles),
                findingsTabItem,
                lazyTab("Activity", new ActivityView(vm, actions::rollback)));
        inspector.setFooter(permissions);
        work.setOrientation(javafx.geometry.Orientation.VERTICAL);
        work.getItems().add(tabs);
        whoCanModel.matchesProperty().addListener((o, a, m) -> graphPane.canvas().setQueryMatches(m));
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.W,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN, javafx.scene.input.KeyCombination.SHIFT_DOWN),
                        this::openWhoCan);
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.K,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> palette.open(this));
            }
        });
        VBox main = new VBox(summaryStrip, work);
        VBox.setVgrow(work, Priority.ALWAYS);
        split = new SplitPane(main, inspector);
        split.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(inspector, false);
        main.setMinWidth(0);
        setCenter(split);
        setBottom(new StatusBarView(vm));
        tour = new io.eksid.ui.tour.GuidedTour(this, graphPane.canvas(), goTo);

        graphPane.bindFilters(vm.onlyProblemsProperty(), vm.onlyIrsaProperty());
        vm.layoutAspectProperty().bind(graphPane.layoutAspectProperty());
        graphPane.setOnError(msg -> vm.log(ActivityEntry.Kind.ERROR, msg));
        graphPane.setOnSaved(msg -> vm.log(ActivityEntry.Kind.INFO, msg));
        graphPane.canvas().setOnToggle(vm::toggle);
        graphPane.canvas().setOnActivate(id -> {
            io.eksid.model.graph.NodeId node = io.eksid.model.graph.NodeId.tryParse(id).orElse(null);
            if (node instanceof io.eksid.model.graph.NodeId.ServiceAccount
                    || node instanceof io.eksid.model.graph.NodeId.Namespace) {
                actions.convert(List.of(id));
            }
        });
        graphPane.canvas().selectedIdProperty().addListener((o, a, b) -> vm.selectedNodeIdProperty().set(b));
        graphPane.canvas().setOnInspect(id -> inspector.requestFocus());
        // The graph takes the keyboard whenever it is shown: F fits, arrows move, Enter inspects, Escape clears.
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() == 0) {
                vm.tasks().later(graphPane.canvas()::requestFocus);
            }
        });
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN), toolBar::focusSearch);
                vm.tasks().later(graphPane.canvas()::requestFocus);
            }
        });
        theme.darkProperty().addListener((o, a, dark) -> graphPane.canvas().paletteProperty()
                .set(dark ? GraphPalette.dark() : GraphPalette.light()));
        graphPane.canvas().paletteProperty().set(theme.darkProperty().get() ? GraphPalette.dark()
                : GraphPalette.light());
        vm.graphProperty().addListener((o, a, g) -> graphPane.setGraph(g, GraphMessages.emptyGraph(vm)));
        // the first-run step list moves as each side arrives, before there is any graph
        Runnable steps = () -> graphPane.setEmptyMessage(GraphMessages.emptyGraph(vm));
        vm.stateProperty().addListener((o, a, b) -> steps.run());
        vm.currentContextProperty().addListener((o, a, b) -> steps.run());
        vm.sandboxProperty().addListener((o, a, b) -> steps.run());
        steps.run();
        vm.selectedNodeIdProperty().addListener((o, a, id) -> {
            if (id != null && !id.equals(graphPane.canvas().selectedIdProperty().get())) {
                vm.reveal(id);
                graphPane.canvas().select(id);
            } else if (id == null && graphPane.canvas().selectedIdProperty().get() != null) {
                graphPane.canvas().select(null); // one selection: cleared anywhere, cleared in the graph too
            }
            showInspector(vm.presentationProperty().get(), id);
        });
        vm.presentationProperty().addListener((o, a, p) -> presentationChanged(p));
        vm.clusterChoice().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!vm.clusterChoice().isEmpty()) {
                vm.tasks().later(this::askForCluster);
            }
        });
        inspector.setOnAction((action, id) -> {
            switch (action) {
                case CONVERT_TO_POD_IDENTITY -> actions.convert(List.of(id));
                case NEW_ASSOCIATION -> actions.newAssociation(id);
                case RESTART_HINT -> vm.log(ActivityEntry.Kind.INFO, "Pods keep the credentials they started with: "
                        + "restart the workload (kubectl rollout restart) so new pods get the current identity.");
                case COPY_ARN -> vm.log(ActivityEntry.Kind.INFO, "Copied " + id.substring(id.indexOf(':') + 1));
                case CLEAN_UP_IRSA -> actions.convert(List.of(id));
            }
        });
    }

    private Region banner(MainViewModel vm) {
        Label text = new Label("Sandbox: an embedded EKS account with simulated clusters. Nothing here touches AWS. "
                + "Point KUBECONFIG at your clusters to use the console for real.", new FontIcon(MaterialDesignT.TEST_TUBE));
        text.setWrapText(true);
        HBox banner = new HBox(text);
        banner.setId("sandbox-banner");
        banner.getStyleClass().add("sandbox-banner");
        banner.visibleProperty().bind(vm.sandboxProperty());
        banner.managedProperty().bind(vm.sandboxProperty());
        return banner;
    }

    /** Starts the guided tour on what the cluster shows now (toolbar's help button, command palette). */
    public void startTour() {
        showCluster();
        tabs.getSelectionModel().select(0);
        tour.start(vm.stateProperty().get());
    }

    /**
     * Starts the tour once, when the first graph drawn from every source is on screen (the sandbox's first run),
     * and calls {@code seen} when the user finishes or skips it.
     */
    public void offerTour(Runnable seen) {
        tour.setOnEnded(seen);
        // the graph and the presentation arrive separately, in either order: check on both
        javafx.beans.InvalidationListener ready = new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                Presentation p = vm.presentationProperty().get();
                if (vm.graphProperty().get().nodeCount() > 0 && p != null && p.summary().awsRead()) {
                    vm.graphProperty().removeListener(this);
                    vm.presentationProperty().removeListener(this);
                    vm.tasks().later(MainView.this::startTour);
                }
            }
        };
        vm.graphProperty().addListener(ready);
        vm.presentationProperty().addListener(ready);
    }

    public io.eksid.ui.tour.GuidedTour tour() {
        return tour;
    }

    /** One delivery per update: the tables, the counts and the inspector follow the presentation. */
    private void presentationChanged(Presentation p) {
        if (p == null) {
            return;
        }
        summaryStrip.show(p.summary());
        tables.show(p.tables());
        toolBar.showNamespaces(p.namespaces());
        String sel = vm.selectedNodeIdProperty().get();
        if (sel != null) {
            showInspector(p, sel);
        }
    }

    /** Shows the Who can…? panel under the graph (toolbar button, Ctrl+Shift+W). */
    public void openWhoCan() {
        showCluster();
        if (!work.getItems().contains(whoCan)) {
            work.getItems().add(whoCan);
            work.setDividerPositions(0.58);
        }
        tabs.getSelectionModel().select(0);
        whoCan.focusQuery();
    }

    private void closeWhoCan() {
        work.getItems().remove(whoCan);
    }

    public WhoCanViewModel whoCan() {
        return whoCanModel;
    }

    private void showInspector(Presentation p, String id) {
        permissions.show(p == null ? null : p.state(), id);
        inspector.show(inspectorModel.describe(p == null ? null : p.inspector(), id));
    }

    /** Neither the exec plugin nor the server URL names the context's EKS cluster: the user picks it. */
    private void askForCluster() {
        if (vm.clusterChoice().isEmpty()) {
            return;
        }
        javafx.scene.control.ChoiceDialog<String> dialog = new javafx.scene.control.ChoiceDialog<>(
                vm.clusterChoice().get(0), vm.clusterChoice());
        dialog.setTitle("Which EKS cluster is this?");
        dialog.setHeaderText("Context " + vm.currentContextProperty().get() + " does not say which EKS cluster it is");
        dialog.setContentText("EKS cluster:");
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        dialog.showAndWait().ifPresentOrElse(vm::chooseCluster, () -> vm.clusterChoice().clear());
    }

    /** A summary link: filter the graph and the tables to what it counts. */
    private void focus(SummaryStrip.Focus f) {
        vm.namespaceFilterProperty().set(Set.of());
        toolBar.showAllNamespaces();
        vm.onlyIrsaProperty().set(f == SummaryStrip.Focus.IRSA || f == SummaryStrip.Focus.CONVERTIBLE);
        vm.onlyProblemsProperty().set(f == SummaryStrip.Focus.BROKEN || f == SummaryStrip.Focus.STALE);
        String tableFilter = switch (f) {
            case BROKEN -> "broken";
            default -> "";
        };
        tables.serviceAccounts.filterField().setText(tableFilter);
        tables.findings.filterField().setText(switch (f) {
            case BROKEN -> "ERROR";
            case STALE -> "STALE";
            case AGENT -> "AGENT";
            default -> "";
        });
        if (f == SummaryStrip.Focus.AGENT) {
            tabs.getSelectionModel().select(findingsTab());
        } else {
            tabs.getSelectionModel().select(0);
        }
    }

    private Tab findingsTab() {
        return findingsTabItem;
    }

    public SummaryStrip summaryStrip() {
        return summaryStrip;
    }

    /**
     * Adds the Fleet view: the navigator's root and a toolbar button show it; choosing a context shows the
     * cluster again.
     */
    public void attachFleet(javafx.scene.Node fleetView) {
        this.fleet = java.util.Objects.requireNonNull(fleetView);
        Button button = new Button("Fleet", new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignV
                .VIEW_GRID_OUTLINE));
        button.setId("show-fleet");
        button.setTooltip(new Tooltip("Every context of every kubeconfig file at once"));
        button.setOnAction(e -> showFleet());
        toolBar.getItems().add(1, button);
        navigator.setOnFleet(this::showFleet, this::showCluster);
    }

    public void showFleet() {
        if (fleet != null && getCenter() != fleet) {
            setCenter(fleet);
            navigator.selectFleet();
        }
    }

    public void showCluster() {
        if (getCenter() != split) {
            setCenter(split);
        }
    }

    /** Ctrl+K: go to any node, run any action. */
    public io.eksid.ui.palette.CommandPalette palette() {
        return palette;
    }

    /** The tables, by a stable name each (their column choices are remembered under it). */
    public java.util.Map<String, javafx.scene.control.TableView<?>> tables() {
        return java.util.Map.of("service-accounts", tables.serviceAccounts.table(), "associations",
                tables.associations.table(), "roles", tables.roles.table(), "findings", tables.findings.table());
    }

    public GraphPane graphPane() {
        return graphPane;
    }

    public TabPane tabs() {
        return tabs;
    }

    public InspectorView inspector() {
        return inspector;
    }

    static String time(java.time.Instant at) {
        return TIME.format(at);
    }

    /**
     * A tab whose content joins the scene when the tab is first selected. A TabPane styles and lays out every
     * tab's content, shown or not, and the tables' skins and cells were most of the window's first CSS pass; the
     * tables themselves exist from the start and take their rows as the graph does.
     */
    private static Tab lazyTab(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title);
        if (tab.isSelected()) {
            tab.setContent(content);
        } else {
            tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was,
                                    Boolean selected) {
                    if (selected) {
                        tab.setContent(content);
                        tab.selectedProperty().removeListener(this);
                    }
                }
            });
        }
        return tab;
    }
}

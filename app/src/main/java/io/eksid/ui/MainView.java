package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.graph.GraphNode;
import io.eksid.model.graph.NodeKind;
import io.eksid.ui.graph.GraphPalette;
import io.eksid.ui.graph.GraphPane;
import io.eksid.ui.inspector.InspectorModel;
import io.eksid.ui.inspector.InspectorView;
import io.eksid.ui.inspector.PermissionsSection;
import io.eksid.ui.tables.FilterableTable;
import io.eksid.ui.tables.FindingsView;
import io.eksid.ui.tables.TableRows;
import io.eksid.ui.theme.ThemeManager;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** The console window's content, built in code: toolbar, navigator, tabs, inspector, status bar. */
public final class MainView extends BorderPane {

    private static final String ALL_NAMESPACES = "All namespaces";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MainViewModel vm;
    private final GraphPane graphPane = new GraphPane();
    private final InspectorView inspector = new InspectorView();
    private final InspectorModel inspectorModel = new InspectorModel();
    private final PermissionsSection permissions = new PermissionsSection();
    private final WhoCanViewModel whoCanModel;
    private final WhoCanView whoCan;
    private final SplitPane work = new SplitPane();
    private final TabPane tabs = new TabPane();
    private final Button convert = new Button("Convert IRSA\u2026", new FontIcon(MaterialDesignS.SWAP_HORIZONTAL));
    private final ComboBox<String> namespaces = new ComboBox<>();
    private final TextField search = new TextField();
    private final FilterableTable<TableRows.ServiceAccountRow> saTable;
    private final FilterableTable<TableRows.AssociationRow> assocTable;
    private final FilterableTable<TableRows.RoleRow> roleTable;
    private final FilterableTable<TableRows.FindingRow> findingTable;
    private final FindingsView findingsView;
    private final LatestOnlyQueue<Rows> rowQueue;
    private final SummaryStrip summaryStrip = new SummaryStrip(this::focus);
    private final NavigatorView navigator;
    private final SplitPane split;
    private ToolBar toolBar;
    private javafx.scene.Node fleet;
    private final io.eksid.ui.palette.CommandPalette palette;

    /** Actions that open wizards or start the sandbox; the composition root wires them to the engine. */
    public interface Actions {
        void convert(List<String> subjectNodeIds);

        void newAssociation(String serviceAccountNodeId);

        void openSandbox();

        void rollback(String journalId);
    }

    public MainView(MainViewModel vm, ThemeManager theme, Actions actions) {
        this.vm = vm;
        this.whoCanModel = new WhoCanViewModel(vm.tasks(), vm.stateProperty()::get);
        this.whoCan = new WhoCanView(whoCanModel, vm.selectedNodeIdProperty(), this::closeWhoCan);
        this.rowQueue = new LatestOnlyQueue<>(vm.tasks(), this::showRows,
                e -> vm.log(ActivityEntry.Kind.ERROR, "Could not build the tables: " + e.getMessage()));
        setId("main-view");
        saTable = new FilterableTable<>("service-accounts", TableRows.ServiceAccountRow::nodeId,
                r -> r.namespace() + " " + r.name() + " " + r.irsaRole() + " " + r.association() + " " + r.status(),
                vm.selectedNodeIdProperty());
        saTable.text("Namespace", TableRows.ServiceAccountRow::namespace, 120);
        saTable.text("Service account", TableRows.ServiceAccountRow::name, 170);
        saTable.text("New pods get", TableRows.ServiceAccountRow::newPodsGet, 200);
        saTable.text("IRSA role", TableRows.ServiceAccountRow::irsaRole, 240);
        saTable.text("Association role", TableRows.ServiceAccountRow::association, 240);
        saTable.column("Pods", TableRows.ServiceAccountRow::pods, 70);
        saTable.column("Stale", TableRows.ServiceAccountRow::stalePods, 70);
        saTable.text("Status", TableRows.ServiceAccountRow::status, 200);
        assocTable = new FilterableTable<>("associations", TableRows.AssociationRow::nodeId,
                r -> r.associationId() + " " + r.namespace() + " " + r.serviceAccount() + " " + r.roleArn(),
                vm.selectedNodeIdProperty());
        assocTable.text("ID", TableRows.AssociationRow::associationId, 170);
        assocTable.text("Namespace", TableRows.AssociationRow::namespace, 120);
        assocTable.text("Service account", TableRows.AssociationRow::serviceAccount, 160);
        assocTable.wrapped("Role", TableRows.AssociationRow::roleArn, 300);
        assocTable.text("Target role", TableRows.AssociationRow::targetRoleArn, 200);
        assocTable.text("Owner", TableRows.AssociationRow::owner, 140);
        assocTable.wrapped("Status", TableRows.AssociationRow::status, 320);
        roleTable = new FilterableTable<>("roles", TableRows.RoleRow::nodeId,
                r -> r.name() + " " + r.path() + " " + r.account() + " " + r.availability(), vm.selectedNodeIdProperty());
        roleTable.text("Role", TableRows.RoleRow::name, 220);
        roleTable.text("Path", TableRows.RoleRow::path, 140);
        roleTable.text("Account", TableRows.RoleRow::account, 120);
        roleTable.text("Readable", TableRows.RoleRow::availability, 100);
        roleTable.column("Used by", TableRows.RoleRow::usedBy, 70);
        roleTable.text("Trust size", TableRows.RoleRow::trustSize, 100);
        findingTable = new FilterableTable<>("findings", TableRows.FindingRow::nodeId,
                r -> r.severity() + " " + r.code() + " " + r.subject() + " " + r.message(), vm.selectedNodeIdProperty());
        findingTable.wrapped("Finding", TableRows.FindingRow::code, 190);
        findingTable.wrapped("Subject", TableRows.FindingRow::subject, 230);
        findingTable.wrapped("What is wrong", TableRows.FindingRow::message, 520);
        findingsView = new FindingsView(findingTable, id -> {
            vm.selectedNodeIdProperty().set(id);
            tabs.getSelectionModel().select(0);
        });

        palette = PaletteCommands.create(vm, actions, theme, graphPane, this::openWhoCan, id -> {
            showCluster();
            tabs.getSelectionModel().select(0);
            vm.selectedNodeIdProperty().set(id);
        });
        findingsView.setOnFix((fix, id) -> FindingFixes.open(fix, id, vm.stateProperty().get(), actions));
        VBox top = new VBox(banner(vm), toolbar(theme, actions));
        setTop(top);
        navigator = new NavigatorView(vm, actions::openSandbox);
        setLeft(navigator);
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(new Tab("Graph", graphPane), new Tab("Service accounts", saTable),
                new Tab("Associations", assocTable), new Tab("Roles", roleTable), new Tab("Findings", findingsView),
                new Tab("Activity", new ActivityView(vm, actions::rollback)));
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

        graphPane.bindFilters(vm.onlyProblemsProperty(), vm.onlyIrsaProperty());
        vm.layoutAspectProperty().bind(graphPane.layoutAspectProperty());
        graphPane.setOnError(msg -> vm.log(ActivityEntry.Kind.ERROR, msg));
        graphPane.setOnSaved(msg -> vm.log(ActivityEntry.Kind.INFO, msg));
        graphPane.canvas().setOnToggle(vm::toggle);
        graphPane.canvas().setOnActivate(id -> {
            if (id.startsWith("sa:") || id.startsWith("ns:")) {
                actions.convert(List.of(id));
            }
        });
        graphPane.canvas().selectedIdProperty().addListener((o, a, b) -> vm.selectedNodeIdProperty().set(b));
        graphPane.canvas().setOnInspect(id -> inspector.requestFocus());
        // The graph takes the keyboard whenever it is shown: F fits, arrows move, Enter inspects, Escape clears.
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() == 0) {
                javafx.application.Platform.runLater(graphPane.canvas()::requestFocus);
            }
        });
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN), this::focusSearch);
                javafx.application.Platform.runLater(graphPane.canvas()::requestFocus);
            }
        });
        theme.darkProperty().addListener((o, a, dark) -> graphPane.canvas().paletteProperty()
                .set(dark ? GraphPalette.dark() : GraphPalette.light()));
        graphPane.canvas().paletteProperty().set(theme.darkProperty().get() ? GraphPalette.dark()
                : GraphPalette.light());
        vm.graphProperty().addListener((o, a, g) -> graphPane.setGraph(g, emptyGraphMessage()));
        // the first-run step list moves as each side arrives, before there is any graph
        Runnable steps = () -> graphPane.setEmptyMessage(emptyGraphMessage());
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
            showInspector(vm.stateProperty().get(), id);
        });
        vm.stateProperty().addListener((o, a, s) -> stateChanged(s));
        vm.clusterChoice().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!vm.clusterChoice().isEmpty()) {
                javafx.application.Platform.runLater(this::askForCluster);
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

    private ToolBar toolbar(ThemeManager theme, Actions actions) {
        ComboBox<String> contexts = new ComboBox<>();
        contexts.setId("context-switcher");
        contexts.setPromptText("Context");
        contexts.setPrefWidth(160);
        contexts.setTooltip(new Tooltip("Kubeconfig context: which cluster the console shows"));
        vm.contexts().addListener((javafx.collections.ListChangeListener<io.eksid.engine.live.ContextInfo>) c ->
                contexts.getItems().setAll(vm.contexts().stream().map(io.eksid.engine.live.ContextInfo::name).toList()));
        contexts.valueProperty().bindBidirectional(vm.currentContextProperty());
        contexts.valueProperty().addListener((o, a, b) -> vm.connect(b));

        namespaces.setId("namespace-filter");
        namespaces.getItems().add(ALL_NAMESPACES);
        namespaces.setValue(ALL_NAMESPACES);
        namespaces.setPrefWidth(140);
        namespaces.setTooltip(new Tooltip("Show one namespace in the graph"));
        namespaces.valueProperty().addListener((o, a, b) -> vm.namespaceFilterProperty().set(
                b == null || b.equals(ALL_NAMESPACES) ? Set.of() : Set.of(b)));

        TextField search = this.search;
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
                tabs.getSelectionModel().select(0);
            }
        });

        convert.setId("convert-irsa");
        convert.setGraphic(new FontIcon(MaterialDesignS.SWAP_HORIZONTAL));
        convert.getStyleClass().add("convert-button");
        convert.textProperty().bind(vm.convertibleCountProperty().asString("Convert\u2026 (%d)"));
        convert.disableProperty().bind(vm.convertibleCountProperty().isEqualTo(0).or(vm.readOnlyProperty()));
        convert.setTooltip(new Tooltip("Convert IRSA\u2026: preview the conversion of every IRSA mapping of this cluster "
                + "to Pod Identity"));
        convert.setOnAction(e -> actions.convert(List.of()));
        Button newAssoc = new Button("Associate\u2026", new FontIcon(MaterialDesignP.PLUS));
        newAssoc.setId("new-association");
        newAssoc.setTooltip(new Tooltip("New association\u2026: give a service account an IAM role through Pod Identity"));
        newAssoc.setOnAction(e -> {
            String sel = vm.selectedNodeIdProperty().get();
            actions.newAssociation(sel != null && sel.startsWith("sa:") ? sel : null);
        });
        newAssoc.disableProperty().bind(vm.stateProperty().isNull().or(vm.readOnlyProperty()));
        Button refresh = new Button(null, new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("refresh");
        refresh.setTooltip(new Tooltip("Read the AWS side (roles, associations, providers, add-ons) again now"));
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.refreshingProperty().or(vm.stateProperty().isNull()));
        javafx.scene.control.ProgressIndicator spinning = new javafx.scene.control.ProgressIndicator();
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
        whoCanButton.setOnAction(e -> openWhoCan());
        toolBar = new ToolBar(app, contexts, namespaces, searchBox, spacer, whoCanButton, convert, newAssoc, refresh,
                themeToggle);
        return toolBar;
    }

    /** Rows of every table for one state; built off the FX thread (50,000 pods make this real work). */
    private record Rows(List<TableRows.ServiceAccountRow> serviceAccounts, List<TableRows.AssociationRow> associations,
                        List<TableRows.RoleRow> roles, List<TableRows.FindingRow> findings, List<String> namespaces,
                        IdentitySummary summary) {
        static Rows of(IdentityState s) {
            Set<String> ns = new TreeSet<>();
            for (GraphNode n : s.graph().nodes()) {
                if (n.kind() == NodeKind.NAMESPACE) {
                    ns.add(n.label());
                }
            }
            List<String> items = new ArrayList<>();
            items.add(ALL_NAMESPACES);
            items.addAll(ns);
            return new Rows(TableRows.serviceAccounts(s), TableRows.associations(s), TableRows.roles(s),
                    TableRows.findings(s), items, IdentitySummary.of(s));
        }
    }

    private void stateChanged(IdentityState s) {
        if (s == null) {
            return;
        }
        rowQueue.submit(() -> Rows.of(s));
        String sel = vm.selectedNodeIdProperty().get();
        if (sel != null) {
            showInspector(s, sel);
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

    /** Ctrl+K: go to any node, run any action. */
    public io.eksid.ui.palette.CommandPalette palette() {
        return palette;
    }

    public WhoCanViewModel whoCan() {
        return whoCanModel;
    }

    private void showInspector(IdentityState s, String id) {
        permissions.show(s, id);
        inspector.show(inspectorModel.describe(s, id));
    }

    private void showRows(Rows rows) {
        summaryStrip.show(rows.summary());
        saTable.setRows(rows.serviceAccounts());
        assocTable.setRows(rows.associations());
        roleTable.setRows(rows.roles());
        findingTable.setRows(rows.findings());
        if (!namespaces.getItems().equals(rows.namespaces())) {
            String keep = namespaces.getValue();
            namespaces.getItems().setAll(rows.namespaces());
            namespaces.setValue(rows.namespaces().contains(keep) ? keep : ALL_NAMESPACES);
        }
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
        namespaces.setValue(ALL_NAMESPACES);
        vm.onlyIrsaProperty().set(f == SummaryStrip.Focus.IRSA || f == SummaryStrip.Focus.CONVERTIBLE);
        vm.onlyProblemsProperty().set(f == SummaryStrip.Focus.BROKEN || f == SummaryStrip.Focus.STALE);
        String tableFilter = switch (f) {
            case BROKEN -> "broken";
            default -> "";
        };
        saTable.filterField().setText(tableFilter);
        findingTable.filterField().setText(switch (f) {
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
        for (Tab t : tabs.getTabs()) {
            if (t.getContent() == findingsView) {
                return t;
            }
        }
        return tabs.getTabs().get(0);
    }

    public SummaryStrip summaryStrip() {
        return summaryStrip;
    }

    /** First run: what is done and what is still coming, instead of an empty pane. */
    private String connectingSteps(IdentityState s) {
        String context = vm.currentContextProperty().get() == null ? "the cluster" : vm.currentContextProperty().get();
        boolean kube = MainViewModel.kubeListed(s) && s != null && !s.sources().isEmpty();
        boolean aws = kube && MainViewModel.awsRead(s);
        StringBuilder b = new StringBuilder("Connecting to " + context + "\n\n");
        if (vm.sandboxProperty().get()) {
            b.append(vm.currentContextProperty().get() == null ? "\u25CB  Starting the sandbox\n"
                    : "\u2713  Sandbox started\n");
        }
        b.append(s == null ? "\u25CB  Kubeconfig context opened\n" : "\u2713  Kubeconfig context opened\n");
        b.append(kube ? "\u2713  Kubernetes listed\n" : "\u25CB  Listing Kubernetes (namespaces, service accounts, "
                + "pods, workloads)\n");
        b.append(aws ? "\u2713  AWS read\n" : "\u25CB  Reading AWS (cluster, roles, associations, OIDC providers)\n");
        b.append("\u25CB  Drawing the graph");
        return b.toString();
    }

    private void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Why the canvas is empty: still loading, or the filters leave nothing, and which ones. */
    private String emptyGraphMessage() {
        IdentityState s = vm.stateProperty().get();
        if (s == null || s.graph().nodes().isEmpty() || !MainViewModel.kubeListed(s)) {
            return connectingSteps(s);
        }
        List<String> filters = new ArrayList<>();
        if (!vm.namespaceFilterProperty().get().isEmpty()) {
            filters.add("namespace " + String.join(", ", vm.namespaceFilterProperty().get()));
        }
        if (vm.onlyProblemsProperty().get()) {
            filters.add("only problems");
        }
        if (vm.onlyIrsaProperty().get()) {
            filters.add("only IRSA");
        }
        return filters.isEmpty() ? "No workload or service account with an AWS identity in this cluster."
                : "Nothing matches " + String.join(" + ", filters) + ". Turn a filter off (or pick All namespaces) "
                + "to see more.";
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

    /** The tables, by a stable name each (their column choices are remembered under it). */
    public java.util.Map<String, javafx.scene.control.TableView<?>> tables() {
        return java.util.Map.of("service-accounts", saTable.table(), "associations", assocTable.table(),
                "roles", roleTable.table(), "findings", findingTable.table());
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
}

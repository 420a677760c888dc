package io.eksid.ui;

import io.eksid.engine.convert.ExecutorSettings;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.LiveSession;
import io.eksid.engine.live.Workspace;
import io.eksid.model.graph.NodeId;
import io.eksid.model.plan.Selection;
import io.eksid.ui.wizard.ConversionWizardModel;
import io.eksid.ui.wizard.ConversionWizardView;
import io.eksid.ui.wizard.Selections;
import io.eksid.ui.wizard.NewAssociationModel;
import io.eksid.ui.wizard.NewAssociationView;
import io.eksid.ui.wizard.PlanRunner;
import io.eksid.ui.wizard.RollbackModel;
import io.eksid.ui.wizard.RollbackView;
import io.eksid.ui.wizard.WorkspacePlanRunner;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the console's wizards (conversion, new association) and rollbacks, owned by the main window. */
public final class WizardLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(WizardLauncher.class);

    private final Stage owner;
    private final MainViewModel vm;
    private final Workspace workspace;
    private final JournalFiles journals;
    private final ExecutorSettings settings;
    private final BooleanProperty readOnly;
    /** One apply or rollback at a time in this window. */
    private final BooleanProperty applyRunning = new SimpleBooleanProperty();

    public WizardLauncher(Stage owner, MainViewModel vm, Workspace workspace) {
        this(owner, vm, workspace, JournalFiles.defaults(System.getenv(), workspace.home()), ExecutorSettings.DEFAULTS,
                vm.readOnlyProperty());
    }

    /** @param readOnly the preferences' read-only switch: on, every wizard's Apply is disabled and says why */
    public WizardLauncher(Stage owner, MainViewModel vm, Workspace workspace, JournalFiles journals,
                          ExecutorSettings settings, BooleanProperty readOnly) {
        this.owner = owner;
        this.vm = vm;
        this.workspace = workspace;
        this.journals = journals;
        this.settings = settings;
        this.readOnly = readOnly;
    }

    /** Opens the conversion wizard at its preview; an empty list converts every IRSA mapping of the cluster. */
    public void convert(List<String> subjects) {
        IdentityState state = vm.stateProperty().get();
        if (state == null) {
            vm.log(ActivityEntry.Kind.WARNING, "Not connected to a cluster yet: nothing to convert");
            return;
        }
        Selection selection;
        try {
            selection = Selections.of(subjects);
        } catch (IllegalArgumentException e) {
            vm.log(ActivityEntry.Kind.WARNING, e.getMessage());
            return;
        }
        PlanRunner runner = runner();
        ConversionWizardModel model = new ConversionWizardModel(state.snapshot(), selection, vm.tasks(), runner,
                readOnly, applyRunning, vm::log, this::refreshLive, vm.clock());
        Stage stage = stage("Convert IRSA to Pod Identity \u2014 " + state.snapshot().cluster().name(), runner);
        stage.getScene().setRoot(new ConversionWizardView(model, stage::close));
        stage.show();
        model.replan();
    }

    /** Opens the new-association wizard, on a service account when one is given ({@code sa:<ns>/<name>}). */
    public void newAssociation(String serviceAccountNodeId) {
        IdentityState state = vm.stateProperty().get();
        if (state == null) {
            vm.log(ActivityEntry.Kind.WARNING, "Not connected to a cluster yet: cannot create an association");
            return;
        }
        PlanRunner runner = runner();
        NewAssociationModel model = new NewAssociationModel(state.snapshot(), vm.tasks(), runner, readOnly,
                applyRunning, vm::log, this::refreshLive, vm.clock());
        if (serviceAccountNodeId != null
                && NodeId.tryParse(serviceAccountNodeId).orElse(null) instanceof NodeId.ServiceAccount sa) {
            model.namespaceProperty().set(sa.ref().namespace());
            model.serviceAccountProperty().set(sa.ref().name());
        }
        Stage stage = stage("New Pod Identity association \u2014 " + state.snapshot().cluster().name(), runner);
        stage.getScene().setRoot(new NewAssociationView(model, stage::close));
        stage.show();
    }

    /** Rolls back an applied conversion from its journal, after an explicit confirmation. */
    public void rollback(String journalId) {
        if (readOnly.get()) {
            vm.log(ActivityEntry.Kind.WARNING, "Read-only mode is on (Preferences): rollback of " + journalId
                    + " not started");
            return;
        }
        if (applyRunning.get()) {
            vm.log(ActivityEntry.Kind.WARNING, "Another apply or rollback is running; roll back " + journalId
                    + " when it ends");
            return;
        }
        // the confirmation (what will be undone, per kind), the progress and the result live in their own window
        PlanRunner runner = runner();
        RollbackModel model = new RollbackModel(journalId, journals, vm.tasks(), runner, readOnly, applyRunning,
                vm::log, this::refreshLive, vm.clock());
        Stage stage = stage("Roll back " + journalId, runner);
        stage.getScene().setRoot(new RollbackView(model, stage::close));
        stage.show();
        model.load();
    }

    private PlanRunner runner() {
        String context = vm.currentContextProperty().get();
        return new WorkspacePlanRunner(workspace, context, vm.profileForContext(context), journals, settings,
                vm.clock());
    }

    private void refreshLive() {
        vm.session().ifPresent(io.eksid.engine.live.SessionHandle::refreshNow);
    }

    private Stage stage(String title, PlanRunner runner) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(title);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(new javafx.scene.layout.Pane(), Math.min(1180, screen.getWidth()),
                Math.min(800, screen.getHeight()));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            Parent root = owner.getScene().getRoot();
            // the dark pseudo-class lives on the main root; mirror it so wizard styles follow the theme
            scene.rootProperty().addListener((o, a, r) -> r.pseudoClassStateChanged(
                    io.eksid.ui.theme.ThemeManager.DARK, root.getPseudoClassStates().contains(
                            io.eksid.ui.theme.ThemeManager.DARK)));
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> closeInBackground(runner));
        return stage;
    }

    /** The write connection closes off the FX thread: closing clients can block on the network. */
    private void closeInBackground(PlanRunner runner) {
        vm.tasks().run(() -> {
            runner.close();
            return Boolean.TRUE;
        }, x -> { }, e -> LOG.warn("closing the write connection failed", e));
    }

    Stage owner() {
        return owner;
    }

    Workspace workspace() {
        return workspace;
    }
}

package io.eksid.ui;

import io.eksid.engine.live.Workspace;
import java.util.List;
import javafx.stage.Stage;

/** Opens the console's wizards (conversion, new association) and rollbacks, owned by the main window. */
public final class WizardLauncher {

    private final Stage owner;
    private final MainViewModel vm;
    private final Workspace workspace;

    public WizardLauncher(Stage owner, MainViewModel vm, Workspace workspace) {
        this.owner = owner;
        this.vm = vm;
        this.workspace = workspace;
    }

    public void convert(List<String> subjects) {
        vm.log(ActivityEntry.Kind.INFO, "Conversion preview for " + (subjects.isEmpty() ? "the whole cluster" : subjects));
    }

    public void newAssociation(String serviceAccountNodeId) {
        vm.log(ActivityEntry.Kind.INFO, "New association for " + serviceAccountNodeId);
    }

    public void rollback(String journalId) {
        vm.log(ActivityEntry.Kind.INFO, "Rollback of " + journalId);
    }

    Stage owner() {
        return owner;
    }

    Workspace workspace() {
        return workspace;
    }
}

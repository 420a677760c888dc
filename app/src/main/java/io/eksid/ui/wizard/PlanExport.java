package io.eksid.ui.wizard;

import io.eksid.model.export.EksctlConfigExporter;
import io.eksid.model.export.ShellScriptExporter;
import io.eksid.model.export.TerraformExporter;
import io.eksid.model.plan.ConversionPlan;

/** The export formats of a plan, with the file name the save dialog proposes. */
public enum PlanExport {
    TERRAFORM("Terraform", "pod-identity.tf"),
    EKSCTL("eksctl ClusterConfig", "pod-identity-eksctl.yaml"),
    SCRIPT("aws/kubectl script", "pod-identity.sh");

    private final String label;
    private final String fileName;

    PlanExport(String label, String fileName) {
        this.label = label;
        this.fileName = fileName;
    }

    public String label() {
        return label;
    }

    public String fileName() {
        return fileName;
    }

    public String export(ConversionPlan plan) {
        return switch (this) {
            case TERRAFORM -> new TerraformExporter().export(plan);
            case EKSCTL -> new EksctlConfigExporter().export(plan);
            case SCRIPT -> new ShellScriptExporter().export(plan);
        };
    }
}

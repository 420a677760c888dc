package io.eksid.model.export;

import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan as an eksctl {@code ClusterConfig} for {@code eksctl create addon -f} and
 * {@code eksctl create podidentityassociation -f}. eksctl does not edit the trust of a role given by
 * {@code roleARN}, so the trust changes, bridge roles, restarts and clean-up are listed as comments at the top:
 * apply them first (with the script or Terraform export). Every scalar is double-quoted, so no value can change
 * the YAML's structure.
 */
public final class EksctlConfigExporter {

    public String export(ConversionPlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("# EKS Identity Console conversion plan ").append(plan.id()).append('\n')
                .append("# Apply with: eksctl create addon -f FILE (the agent), eksctl update addon -f FILE (add-ons\n")
                .append("# that exist already), eksctl create podidentityassociation -f FILE (the rest).\n");
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        boolean agent = false;
        List<StepAction.UpdateAddonPodIdentity> addons = new ArrayList<>();
        List<StepAction.CreateAssociation> associations = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            StepAction a = step.action();
            if (a instanceof StepAction.EnsureAgentAddon) {
                agent = true;
            } else if (a instanceof StepAction.CreateBridgeRole b) {
                before.add("create bridge role " + b.roleArn() + " (trusts Pod Identity, may assume "
                        + b.targetRoleArn() + ")");
            } else if (a instanceof StepAction.UpdateRoleTrust u) {
                before.add("add the Pod Identity statement to the trust policy of " + u.roleArn());
            } else if (a instanceof StepAction.UpdateTargetRoleTrust t) {
                before.add("let " + t.bridgeRoleArn() + " assume " + t.roleArn() + " (account " + t.account() + ")");
            } else if (a instanceof StepAction.UpdateAddonPodIdentity u) {
                addons.add(u);
            } else if (a instanceof StepAction.CreateAssociation c) {
                associations.add(c);
            } else if (a instanceof StepAction.RestartWorkload r) {
                after.add("kubectl -n " + r.namespace() + " rollout restart " + r.workloadKind().toLowerCase() + "/"
                        + r.workloadName());
            } else if (a instanceof StepAction.RemoveIrsaAnnotation r) {
                after.add("after verification: kubectl -n " + r.namespace() + " annotate serviceaccount "
                        + r.serviceAccount() + " " + r.annotation() + "-");
            } else if (a instanceof StepAction.RemoveOidcTrust r) {
                after.add("after verification: remove the OIDC trust of " + refs(r.serviceAccounts()) + " from "
                        + r.roleArn());
            }
        }
        comments(out, "Before eksctl (eksctl does not change the trust of an existing role):", before);
        comments(out, "After eksctl:", after);
        NotConverted.lines(plan).forEach(l -> out.append("# ").append(l).append('\n'));
        out.append("apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n");
        out.append("metadata:\n  name: ").append(quote(plan.cluster().name())).append("\n  region: ")
                .append(quote(plan.cluster().region())).append('\n');
        if (agent || !addons.isEmpty()) {
            out.append("addons:\n");
            if (agent) {
                out.append("  - name: \"eks-pod-identity-agent\"\n");
            }
            for (StepAction.UpdateAddonPodIdentity u : addons) {
                out.append("  - name: ").append(quote(u.addonName())).append('\n')
                        .append("    podIdentityAssociations:\n");
                String namespace = u.convertedServiceAccounts().get(0).namespace();
                for (StepAction.AddonPodIdentity p : u.podIdentityAssociations()) {
                    out.append("      - namespace: ").append(quote(namespace)).append('\n')
                            .append("        serviceAccountName: ").append(quote(p.serviceAccount())).append('\n')
                            .append("        roleARN: ").append(quote(p.roleArn())).append('\n');
                }
            }
        }
        if (!associations.isEmpty()) {
            out.append("iam:\n  podIdentityAssociations:\n");
            for (StepAction.CreateAssociation c : associations) {
                out.append("    - namespace: ").append(quote(c.namespace())).append('\n')
                        .append("      serviceAccountName: ").append(quote(c.serviceAccount())).append('\n')
                        .append("      roleARN: ").append(quote(c.roleArn())).append('\n');
                if (c.targetRoleArn() != null) {
                    out.append("      targetRoleARN: ").append(quote(c.targetRoleArn())).append('\n');
                }
                if (!c.tags().isEmpty()) {
                    out.append("      tags:\n");
                    for (Map.Entry<String, String> t : c.tags().entrySet()) {
                        out.append("        ").append(quote(t.getKey())).append(": ").append(quote(t.getValue()))
                                .append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static void comments(StringBuilder out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append("# ").append(title).append('\n');
        lines.forEach(l -> out.append("#   ").append(l.replace('\n', ' ')).append('\n'));
    }

    /** A YAML double-quoted scalar: only {@code \} and {@code "} and control characters need escapes. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String refs(List<ServiceAccountRef> refs) {
        return String.join(", ", refs.stream().map(ServiceAccountRef::toString).toList());
    }
}

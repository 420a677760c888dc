package io.eksid.model.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.json.Json;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan as an eksctl {@code ClusterConfig} for {@code eksctl create addon -f} and
 * {@code eksctl create podidentityassociation -f}. eksctl does not edit the trust of a role given by
 * {@code roleARN}, so the trust changes, bridge roles, restarts and clean-up are listed as comments at the top:
 * apply them first (with the script or Terraform export). Every value is double-quoted by Jackson's YAML writer
 * (a key is quoted wherever YAML would read it as something else), so no value can change the YAML's structure.
 */
public final class EksctlConfigExporter {

    /** Every string double-quoted (keys where YAML would read them otherwise), no line wrapping, no "---". */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

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
        ObjectNode config = Json.object().put("apiVersion", "eksctl.io/v1alpha5").put("kind", "ClusterConfig");
        config.putObject("metadata").put("name", plan.cluster().name()).put("region", plan.cluster().region());
        if (agent || !addons.isEmpty()) {
            ArrayNode list = config.putArray("addons");
            if (agent) {
                list.addObject().put("name", "eks-pod-identity-agent");
            }
            for (StepAction.UpdateAddonPodIdentity u : addons) {
                ArrayNode owned = list.addObject().put("name", u.addonName()).putArray("podIdentityAssociations");
                String namespace = u.convertedServiceAccounts().get(0).namespace();
                for (StepAction.AddonPodIdentity p : u.podIdentityAssociations()) {
                    owned.addObject().put("namespace", namespace).put("serviceAccountName", p.serviceAccount())
                            .put("roleARN", p.roleArn());
                }
            }
        }
        if (!associations.isEmpty()) {
            ArrayNode list = config.putObject("iam").putArray("podIdentityAssociations");
            for (StepAction.CreateAssociation c : associations) {
                ObjectNode a = list.addObject().put("namespace", c.namespace())
                        .put("serviceAccountName", c.serviceAccount()).put("roleARN", c.roleArn());
                if (c.targetRoleArn() != null) {
                    a.put("targetRoleARN", c.targetRoleArn());
                }
                if (!c.tags().isEmpty()) {
                    ObjectNode tags = a.putObject("tags");
                    c.tags().forEach(tags::put);
                }
            }
        }
        try {
            return out.append(YAML.writeValueAsString(config)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a YAML tree could not be written: " + e.getOriginalMessage(), e);
        }
    }

    private static void comments(StringBuilder out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append("# ").append(title).append('\n');
        lines.forEach(l -> out.append("#   ").append(l.replace('\n', ' ')).append('\n'));
    }

    private static String refs(List<ServiceAccountRef> refs) {
        return String.join(", ", refs.stream().map(ServiceAccountRef::toString).toList());
    }
}

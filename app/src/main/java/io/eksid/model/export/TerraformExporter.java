package io.eksid.model.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.json.Json;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The plan as Terraform (HCL, laid out as {@code terraform fmt} does).
 *
 * <p>Trust changes are written as {@code aws_iam_role} resources with {@code assume_role_policy = jsonencode(...)}
 * of the exact after-document, plus {@code import} blocks (Terraform 1.5+) for roles that already exist. Chosen over
 * {@code data.aws_iam_policy_document} because the plan's document keeps every existing statement exactly as IAM
 * stores it; re-expressing it as {@code statement} blocks would reorder and normalise conditions and make the
 * reviewed diff differ from what is applied. Steps Terraform cannot express (restarts, verification, removing an
 * annotation) and the later clean-up phase are written as comments with the commands to run.
 *
 * <p>The file declares the oldest AWS provider that has every resource and argument in it. Given the provider
 * version the user runs, an association that needs a newer one (a target role, session tags disabled, a session
 * policy) is not written as a resource, since leaving the argument out would give its pods other credentials:
 * a comment names the version it needs and the aws CLI command that creates it.
 */
public final class TerraformExporter {

    /** Import blocks arrived in Terraform 1.5. */
    static final String TERRAFORM_VERSION = "1.5.0";

    private final AwsProviderVersion provider;

    /** Writes everything the plan needs and declares the provider version that requires. */
    public TerraformExporter() {
        this.provider = null;
    }

    /**
     * Writes what {@code provider} supports; what needs a newer provider is explained instead.
     *
     * @throws IllegalArgumentException when the version predates Pod Identity associations
     */
    public TerraformExporter(AwsProviderVersion provider) {
        if (!provider.atLeast(AwsProviderVersion.POD_IDENTITY_ASSOCIATION)) {
            throw new IllegalArgumentException("the AWS provider " + provider + " has no "
                    + "aws_eks_pod_identity_association: it needs " + AwsProviderVersion.POD_IDENTITY_ASSOCIATION
                    + " or later");
        }
        this.provider = provider;
    }

    /** The provider an association needs: its optional arguments arrived later than the resource. */
    static AwsProviderVersion needed(StepAction.CreateAssociation c) {
        if (c.sessionPolicy() != null) {
            return AwsProviderVersion.ASSOCIATION_POLICY;
        }
        if (c.targetRoleArn() != null || c.disableSessionTags()) {
            return AwsProviderVersion.ASSOCIATION_TARGET_ROLE;
        }
        return AwsProviderVersion.POD_IDENTITY_ASSOCIATION;
    }

    private boolean supports(AwsProviderVersion needed) {
        return provider == null || provider.atLeast(needed);
    }

    public String export(ConversionPlan plan) {
        Names names = new Names();
        List<String> blocks = new ArrayList<>();
        Map<String, String> roleResources = new HashMap<>(); // bridge roles this file creates, by ARN
        Map<String, String> trustResources = new HashMap<>();
        TreeSet<String> otherAccounts = new TreeSet<>();
        for (PlanStep step : plan.steps()) {
            if (step.action() instanceof StepAction.UpdateTargetRoleTrust t) {
                otherAccounts.add(t.account());
            }
        }
        AwsProviderVersion declared = AwsProviderVersion.POD_IDENTITY_ASSOCIATION;
        for (PlanStep step : plan.steps()) {
            AwsProviderVersion need = step.action() instanceof StepAction.CreateAssociation c ? needed(c)
                    : step.action() instanceof StepAction.UpdateAddonPodIdentity
                    ? AwsProviderVersion.ADDON_POD_IDENTITY : AwsProviderVersion.POD_IDENTITY_ASSOCIATION;
            if (supports(need)) {
                declared = AwsProviderVersion.max(declared, need);
            }
        }
        StringBuilder out = new StringBuilder();
        header(out, plan, otherAccounts, declared);
        for (PlanStep step : plan.steps()) {
            StepAction action = step.action();
            if (action instanceof StepAction.EnsureAgentAddon a) {
                blocks.add(agent(a, names));
            } else if (action instanceof StepAction.CreateBridgeRole b) {
                String name = names.unique("aws_iam_role", "bridge_" + b.roleName());
                roleResources.put(b.roleArn(), name);
                blocks.add(bridge(b, name));
            } else if (action instanceof StepAction.UpdateRoleTrust u) {
                String name = names.unique("aws_iam_role", u.roleName());
                trustResources.put(step.id(), "aws_iam_role." + name);
                blocks.add(existingRole(step, u.roleArn(), u.roleName(), u.rolePath(), u.afterPolicy(), null, name,
                        "Let EKS Pod Identity assume " + u.roleName() + " (for " + refs(u.serviceAccounts()) + ")"));
            } else if (action instanceof StepAction.UpdateTargetRoleTrust t) {
                String name = names.unique("aws_iam_role", "target_" + t.roleName());
                trustResources.put(step.id(), "aws_iam_role." + name);
                blocks.add(existingRole(step, t.roleArn(), t.roleName(), pathOf(t.roleArn()), t.afterPolicy(),
                        "aws.account_" + t.account(), name, "Let bridge role " + t.bridgeRoleArn() + " assume "
                                + t.roleArn() + " (account " + t.account() + ")"));
            } else if (action instanceof StepAction.CreateAssociation c) {
                blocks.add(supports(needed(c)) ? association(step, c, names, roleResources, trustResources)
                        : unsupportedAssociation(c));
            } else if (action instanceof StepAction.UpdateAddonPodIdentity u) {
                blocks.add(supports(AwsProviderVersion.ADDON_POD_IDENTITY) ? addon(step, u, names, trustResources)
                        : unsupportedAddon(u));
            }
        }
        out.append(String.join("\n", blocks));
        afterApply(out, plan);
        return out.toString();
    }

    private static void header(StringBuilder out, ConversionPlan plan, TreeSet<String> otherAccounts,
                               AwsProviderVersion declared) {
        out.append("# EKS Identity Console conversion plan ").append(plan.id()).append('\n')
                .append("# Cluster ").append(plan.cluster().name()).append(" (").append(plan.cluster().arn())
                .append(")\n")
                .append("# Review before applying. Roles that already exist are imported (Terraform 1.5+ import\n")
                .append("# blocks); if they are managed elsewhere in your configuration, move the\n")
                .append("# assume_role_policy there instead of applying these blocks.\n");
        NotConverted.lines(plan).forEach(l -> out.append("# ").append(l).append('\n'));
        out.append('\n');
        Hcl.Body aws = new Hcl.Body().string("source", "hashicorp/aws").string("version", ">= " + declared);
        Hcl.Body providers = new Hcl.Body().attr("aws", "{\n" + aws.render() + "}");
        out.append(Hcl.block("terraform", new Hcl.Body().string("required_version", ">= " + TERRAFORM_VERSION)
                .block("required_providers", providers))).append('\n');
        out.append(Hcl.block("provider \"aws\"", new Hcl.Body().string("region", plan.cluster().region())))
                .append('\n');
        for (String account : otherAccounts) {
            out.append(Hcl.block("provider \"aws\"", new Hcl.Body()
                    .comment("Credentials that can write IAM in account " + account + ", e.g. profile = \"...\"")
                    .string("alias", "account_" + account).string("region", plan.cluster().region()))).append('\n');
        }
    }

    private static String agent(StepAction.EnsureAgentAddon a, Names names) {
        String name = names.unique("aws_eks_addon", a.addonName());
        StringBuilder out = new StringBuilder();
        if (a.operation() != StepAction.AgentOperation.CREATE
                && a.operation() != StepAction.AgentOperation.RECREATE_AFTER_DELETE) {
            out.append(importBlock("aws_eks_addon." + name, a.clusterName() + ":" + a.addonName()));
        }
        out.append("# The Pod Identity agent must be ACTIVE (now ")
                .append(a.currentStatus() == null ? "not installed" : a.currentStatus()).append(").\n");
        Hcl.Body body = new Hcl.Body().string("cluster_name", a.clusterName()).string("addon_name", a.addonName())
                .string("resolve_conflicts_on_update", "OVERWRITE");
        return out.append(Hcl.block("resource \"aws_eks_addon\" " + Hcl.quote(name), body)).toString();
    }

    private static String bridge(StepAction.CreateBridgeRole b, String name) {
        StringBuilder out = new StringBuilder("# Bridge role: the association's role must be in the cluster's "
                + "account; it chains to\n# " + b.targetRoleArn() + "\n");
        Hcl.Body role = new Hcl.Body().string("name", b.roleName()).string("path", b.rolePath())
                .attr("assume_role_policy", "jsonencode(" + Hcl.expression(Json.read(b.trustPolicy())) + ")")
                .attr("tags", tags(b.tags()));
        out.append(Hcl.block("resource \"aws_iam_role\" " + Hcl.quote(name), role)).append('\n');
        Hcl.Body policy = new Hcl.Body().string("name", b.permissionPolicyName())
                .attr("role", "aws_iam_role." + name + ".id")
                .attr("policy", "jsonencode(" + Hcl.expression(Json.read(b.permissionPolicy())) + ")");
        return out.append(Hcl.block("resource \"aws_iam_role_policy\" " + Hcl.quote(name), policy)).toString();
    }

    private static String existingRole(PlanStep step, String arn, String roleName, String path, String policy,
                                       String provider, String name, String why) {
        StringBuilder out = new StringBuilder();
        out.append(importBlock("aws_iam_role." + name, roleName, provider));
        out.append("# ").append(why).append(".\n# Keeps every existing statement; ").append(arn).append('\n');
        Hcl.Body body = new Hcl.Body();
        if (provider != null) {
            body.attr("provider", provider);
        }
        body.string("name", roleName).string("path", path)
                .attr("assume_role_policy", "jsonencode(" + Hcl.expression(Json.read(policy)) + ")");
        return out.append(Hcl.block("resource \"aws_iam_role\" " + Hcl.quote(name), body)).toString();
    }

    private static String association(PlanStep step, StepAction.CreateAssociation c, Names names,
                                      Map<String, String> roleResources, Map<String, String> trustResources) {
        String name = names.unique("aws_eks_pod_identity_association",
                c.namespace() + "_" + c.serviceAccount());
        String bridge = roleResources.get(c.roleArn());
        boolean created = bridge != null;
        Hcl.Body body = new Hcl.Body().string("cluster_name", c.clusterName()).string("namespace", c.namespace())
                .string("service_account", c.serviceAccount())
                .attr("role_arn", created ? "aws_iam_role." + bridge + ".arn" : Hcl.quote(c.roleArn()));
        if (c.targetRoleArn() != null) {
            body.string("target_role_arn", c.targetRoleArn());
        }
        if (c.disableSessionTags()) {
            body.attr("disable_session_tags", "true");
        }
        if (c.sessionPolicy() != null) {
            body.attr("policy", "jsonencode(" + Hcl.expression(Json.read(c.sessionPolicy())) + ")");
        }
        body.attr("tags", tags(c.tags()));
        List<String> deps = dependencies(step, trustResources);
        if (!deps.isEmpty()) {
            body.blank().attr("depends_on", list(deps));
        }
        return Hcl.block("resource \"aws_eks_pod_identity_association\" " + Hcl.quote(name), body);
    }

    /** An association the declared provider cannot express: what it needs, and how to create it without it. */
    private String unsupportedAssociation(StepAction.CreateAssociation c) {
        List<String> args = new ArrayList<>();
        StringBuilder cli = new StringBuilder("aws eks create-pod-identity-association --cluster-name ")
                .append(c.clusterName()).append(" --namespace ").append(c.namespace()).append(" --service-account ")
                .append(c.serviceAccount()).append(" --role-arn ").append(c.roleArn());
        if (c.targetRoleArn() != null) {
            args.add("target_role_arn");
            cli.append(" --target-role-arn ").append(c.targetRoleArn());
        }
        if (c.disableSessionTags()) {
            args.add("disable_session_tags");
            cli.append(" --disable-session-tags");
        }
        if (c.sessionPolicy() != null) {
            args.add("policy");
            cli.append(" --policy file://session-policy.json");
        }
        return "# Not written as a resource: the association for " + c.namespace() + "/" + c.serviceAccount()
                + " needs " + String.join(", ", args) + ",\n# which the AWS provider has from " + needed(c)
                + " on (this file is for " + provider + ").\n# Upgrade the provider and export again, or create it "
                + "with:\n#   " + cli + "\n";
    }

    private String unsupportedAddon(StepAction.UpdateAddonPodIdentity u) {
        return "# Not written as a resource: add-on " + u.addonName() + " takes its Pod Identity associations "
                + "(pod_identity_association blocks)\n# from AWS provider " + AwsProviderVersion.ADDON_POD_IDENTITY
                + " on (this file is for " + provider + "). Upgrade the provider and export again, or run\n"
                + "#   aws eks update-addon --cluster-name " + u.clusterName() + " --addon-name " + u.addonName()
                + " --pod-identity-associations " + String.join(" ", u.podIdentityAssociations().stream()
                        .map(p -> "serviceAccount=" + p.serviceAccount() + ",roleArn=" + p.roleArn()).toList())
                + "\n";
    }

    private static String addon(PlanStep step, StepAction.UpdateAddonPodIdentity u, Names names,
                                Map<String, String> trustResources) {
        String name = names.unique("aws_eks_addon", u.addonName());
        StringBuilder out = new StringBuilder(importBlock("aws_eks_addon." + name,
                u.clusterName() + ":" + u.addonName()));
        out.append("# Converted through the add-on (it owns these associations): ")
                .append(refs(u.convertedServiceAccounts())).append('\n');
        Hcl.Body body = new Hcl.Body().string("cluster_name", u.clusterName()).string("addon_name", u.addonName());
        for (StepAction.AddonPodIdentity p : u.podIdentityAssociations()) {
            body.block("pod_identity_association", new Hcl.Body().string("role_arn", p.roleArn())
                    .string("service_account", p.serviceAccount()));
        }
        List<String> deps = dependencies(step, trustResources);
        if (!deps.isEmpty()) {
            body.blank().attr("depends_on", list(deps));
        }
        return out.append(Hcl.block("resource \"aws_eks_addon\" " + Hcl.quote(name), body)).toString();
    }

    /** Restarts, verification and clean-up: not Terraform's job, so written as what to run after apply. */
    private static void afterApply(StringBuilder out, ConversionPlan plan) {
        List<String> lines = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            StepAction a = step.action();
            if (a instanceof StepAction.RestartWorkload r) {
                lines.add("kubectl -n " + r.namespace() + " rollout restart " + r.workloadKind().toLowerCase()
                        + "/" + r.workloadName());
            } else if (a instanceof StepAction.Verify v) {
                lines.add("verify " + v.serviceAccount() + ": new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI");
            } else if (a instanceof StepAction.RemoveIrsaAnnotation r) {
                lines.add("after verification: kubectl -n " + r.namespace() + " annotate serviceaccount "
                        + r.serviceAccount() + " " + r.annotation() + "-   (was " + r.originalValue() + ")");
            } else if (a instanceof StepAction.RemoveOidcTrust r) {
                lines.add("after verification: set assume_role_policy of " + r.roleName() + " to drop the OIDC trust of "
                        + refs(r.serviceAccounts()) + ", then apply again:");
                for (String l : r.afterPolicy().split("\n")) {
                    lines.add("  " + l);
                }
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        out.append("\n# After terraform apply (Terraform does not restart workloads or edit service accounts):\n");
        lines.forEach(l -> out.append("#   ").append(l).append('\n'));
    }

    private static List<String> dependencies(PlanStep step, Map<String, String> trustResources) {
        List<String> deps = new ArrayList<>();
        for (String id : step.dependsOn()) {
            String resource = trustResources.get(id);
            if (resource != null) {
                deps.add(resource);
            }
        }
        return deps;
    }

    private static String importBlock(String to, String id) {
        return importBlock(to, id, null);
    }

    private static String importBlock(String to, String id, String provider) {
        Hcl.Body body = new Hcl.Body().attr("to", to).string("id", id);
        if (provider != null) {
            body.attr("provider", provider);
        }
        return Hcl.block("import", body) + "\n";
    }

    private static String tags(Map<String, String> tags) {
        ObjectNode map = Json.object();
        tags.forEach(map::put);
        return Hcl.expression(map);
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    private static String refs(List<ServiceAccountRef> refs) {
        return String.join(", ", refs.stream().map(ServiceAccountRef::toString).toList());
    }

    private static String pathOf(String roleArn) {
        String resource = roleArn.substring(roleArn.indexOf(":role") + ":role".length());
        return resource.substring(0, resource.lastIndexOf('/') + 1);
    }

    /** Resource names, unique per resource type within one file. */
    private static final class Names {
        private final Map<String, Integer> used = new HashMap<>();

        String unique(String type, String text) {
            String base = Hcl.name(text);
            int n = used.merge(type + "." + base, 1, Integer::sum);
            return n == 1 ? base : base + "_" + n;
        }
    }
}

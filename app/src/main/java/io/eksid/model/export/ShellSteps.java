package io.eksid.model.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.eksid.model.json.Json;
import io.eksid.model.plan.StepAction;

/** The commands of one plan step in the exported script. */
final class ShellSteps {

    private final ShellWriter w;
    private final String clusterAccount;
    private final String filePrefix;

    ShellSteps(ShellWriter w, String clusterAccount, String filePrefix) {
        this.w = w;
        this.clusterAccount = clusterAccount;
        this.filePrefix = filePrefix;
    }

    void write(StepAction action) {
        if (action instanceof StepAction.EnsureAgentAddon a) {
            agent(a);
        } else if (action instanceof StepAction.CreateBridgeRole b) {
            bridge(b);
        } else if (action instanceof StepAction.UpdateRoleTrust u) {
            w.comment("Role " + u.roleArn() + " for " + ShellScriptExporter.refs(u.serviceAccounts()) + ": "
                    + u.charactersBefore() + " -> " + u.charactersAfter() + " of " + u.quota() + " characters.");
            w.comment("The new trust policy keeps every existing statement and adds the Pod Identity one.");
            trust(u.account(), u.roleName(), u.afterPolicy());
        } else if (action instanceof StepAction.UpdateTargetRoleTrust t) {
            w.comment("Target role " + t.roleArn() + " (account " + t.account() + ") must trust bridge role "
                    + t.bridgeRoleArn() + ".");
            trust(t.account(), t.roleName(), t.afterPolicy());
        } else if (action instanceof StepAction.CreateAssociation c) {
            association(c);
        } else if (action instanceof StepAction.UpdateAddonPodIdentity u) {
            addon(u);
        } else if (action instanceof StepAction.RestartWorkload r) {
            String target = ShellWriter.quote(r.workloadKind().toLowerCase() + "/" + r.workloadName());
            w.line("kube -n " + ShellWriter.quote(r.namespace()) + " rollout restart " + target);
            w.line("kube -n " + ShellWriter.quote(r.namespace()) + " rollout status " + target + " --timeout=10m");
        } else if (action instanceof StepAction.Verify v) {
            verify(v);
        } else if (action instanceof StepAction.RemoveIrsaAnnotation r) {
            w.comment("Rollback: kube -n " + ShellWriter.quote(r.namespace()) + " annotate serviceaccount "
                    + ShellWriter.quote(r.serviceAccount()) + " "
                    + ShellWriter.quote(r.annotation() + "=" + r.originalValue()));
            w.line("kube -n " + ShellWriter.quote(r.namespace()) + " annotate serviceaccount "
                    + ShellWriter.quote(r.serviceAccount()) + " " + ShellWriter.quote(r.annotation() + "-"));
        } else if (action instanceof StepAction.RemoveOidcTrust r) {
            w.comment("Removes only the OIDC :sub entries of " + ShellScriptExporter.refs(r.serviceAccounts())
                    + " of this cluster; other service accounts and clusters keep theirs.");
            r.notes().forEach(n -> w.comment("note: " + n));
            trust(r.account(), r.roleName(), r.afterPolicy());
        }
    }

    private void agent(StepAction.EnsureAgentAddon a) {
        String args = "--cluster-name \"$CLUSTER\" --addon-name " + ShellWriter.quote(a.addonName());
        switch (a.operation()) {
            case CREATE -> {
                w.line("if ! aws_cluster eks describe-addon " + args + " >/dev/null 2>&1; then");
                w.line("  aws_cluster eks create-addon " + args);
                w.line("fi");
            }
            case UPDATE -> w.line("aws_cluster eks update-addon " + args + " --resolve-conflicts OVERWRITE");
            case RECREATE_AFTER_DELETE -> {
                w.line("aws_cluster eks wait addon-deleted " + args);
                w.line("aws_cluster eks create-addon " + args);
            }
            case WAIT_UNTIL_ACTIVE -> w.comment("It is " + a.currentStatus() + ": wait for it.");
        }
        w.line("aws_cluster eks wait addon-active " + args);
    }

    private void bridge(StepAction.CreateBridgeRole b) {
        String name = ShellWriter.quote(b.roleName());
        String fn = awsFor(b.account());
        w.heredoc(filePrefix + "-trust.json", b.trustPolicy());
        w.heredoc(filePrefix + "-permissions.json", b.permissionPolicy());
        w.line("if ! " + fn + " iam get-role --role-name " + name + " >/dev/null 2>&1; then");
        w.line("  " + fn + " iam create-role --role-name " + name + " --path " + ShellWriter.quote(b.rolePath())
                + " --assume-role-policy-document \"file://$WORKDIR/" + filePrefix + "-trust.json\" --tags "
                + ShellWriter.quote(ShellScriptExporter.jsonTags(b.tags(), true)));
        w.line("fi");
        w.line(fn + " iam put-role-policy --role-name " + name + " --policy-name "
                + ShellWriter.quote(b.permissionPolicyName()) + " --policy-document \"file://$WORKDIR/" + filePrefix
                + "-permissions.json\"");
    }

    /** UpdateAssumeRolePolicy takes the role name, not the ARN: the path is not part of it. */
    private void trust(String account, String roleName, String policy) {
        w.heredoc(filePrefix + "-trust.json", policy);
        w.line(awsFor(account) + " iam update-assume-role-policy --role-name " + ShellWriter.quote(roleName)
                + " --policy-document \"file://$WORKDIR/" + filePrefix + "-trust.json\"");
    }

    private void association(StepAction.CreateAssociation c) {
        String ns = ShellWriter.quote(c.namespace());
        String sa = ShellWriter.quote(c.serviceAccount());
        w.line("if [[ \"$(association_id " + ns + " " + sa + ")\" == \"None\" ]]; then");
        StringBuilder cmd = new StringBuilder("  aws_cluster eks create-pod-identity-association --cluster-name "
                + "\"$CLUSTER\" --namespace " + ns + " --service-account " + sa + " --role-arn "
                + ShellWriter.quote(c.roleArn()));
        if (c.targetRoleArn() != null) {
            cmd.append(" --target-role-arn ").append(ShellWriter.quote(c.targetRoleArn()));
        }
        if (c.disableSessionTags()) {
            cmd.append(" --disable-session-tags");
        }
        if (c.sessionPolicy() != null) {
            cmd.append(" --policy ").append(ShellWriter.quote(c.sessionPolicy()));
        }
        if (!c.tags().isEmpty()) {
            cmd.append(" --tags ").append(ShellWriter.quote(ShellScriptExporter.jsonTags(c.tags(), false)));
        }
        w.line(cmd.toString());
        w.line("else");
        w.line("  echo " + ShellWriter.quote("    an association for " + c.namespace() + "/" + c.serviceAccount()
                + " exists already; the verify step checks its role"));
        w.line("fi");
    }

    private void addon(StepAction.UpdateAddonPodIdentity u) {
        ArrayNode list = Json.array();
        for (StepAction.AddonPodIdentity p : u.podIdentityAssociations()) {
            list.addObject().put("serviceAccount", p.serviceAccount()).put("roleArn", p.roleArn());
        }
        String args = "--cluster-name \"$CLUSTER\" --addon-name " + ShellWriter.quote(u.addonName());
        w.comment("UpdateAddon replaces the add-on's whole list: it keeps the associations the add-on owns already.");
        w.line("aws_cluster eks update-addon " + args + " --pod-identity-associations "
                + ShellWriter.quote(Json.compact(list)));
        w.line("aws_cluster eks wait addon-active " + args);
    }

    private void verify(StepAction.Verify v) {
        String ns = ShellWriter.quote(v.serviceAccount().namespace());
        String sa = ShellWriter.quote(v.serviceAccount().name());
        String who = v.serviceAccount().toString();
        w.line("id=\"$(association_id " + ns + " " + sa + ")\"");
        w.line("if [[ \"$id\" == \"None\" ]]; then echo " + ShellWriter.quote("no association for " + who)
                + " >&2; exit 1; fi");
        w.line("role=\"$(aws_cluster eks describe-pod-identity-association --cluster-name \"$CLUSTER\" "
                + "--association-id \"$id\" --query 'association.roleArn' --output text)\"");
        w.line("if [[ \"$role\" != " + ShellWriter.quote(v.roleArn()) + " ]]; then echo \"the association of "
                + "$id uses $role, expected \"" + ShellWriter.quote(v.roleArn()) + " >&2; exit 1; fi");
        if (v.targetRoleArn() != null) {
            w.line("target=\"$(aws_cluster eks describe-pod-identity-association --cluster-name \"$CLUSTER\" "
                    + "--association-id \"$id\" --query 'association.targetRoleArn' --output text)\"");
            w.line("if [[ \"$target\" != " + ShellWriter.quote(v.targetRoleArn()) + " ]]; then echo \"the "
                    + "association $id chains to $target, expected \"" + ShellWriter.quote(v.targetRoleArn())
                    + " >&2; exit 1; fi");
        }
        if (!v.restartedWorkloads().isEmpty()) {
            w.line("missing=\"$(pods_without_pod_identity " + ns + " " + sa + ")\"");
            w.line("if [[ -n \"$missing\" ]]; then echo \"running pods of \"" + ShellWriter.quote(who)
                    + "\" without Pod Identity variables: $missing\" >&2; exit 1; fi");
        }
    }

    private String awsFor(String account) {
        return account.equals(clusterAccount) ? "aws_cluster" : "aws_account_" + account;
    }
}

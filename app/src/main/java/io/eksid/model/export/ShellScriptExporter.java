package io.eksid.model.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.json.Json;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The plan as a bash script with the {@code aws} and {@code kubectl} commands, for admins who review and run
 * changes themselves. Every value is single-quoted and every policy document travels through a quoted heredoc
 * into a temporary file ({@code file://}), so nothing in a name or a document is ever expanded by the shell.
 * Steps are idempotent like the plan's: re-running the script skips what is already done.
 */
public final class ShellScriptExporter {

    public String export(ConversionPlan plan) {
        String clusterAccount = plan.cluster().account();
        TreeSet<String> otherAccounts = new TreeSet<>();
        for (PlanStep step : plan.steps()) {
            String account = writeAccount(step.action());
            if (account != null && !account.equals(clusterAccount)) {
                otherAccounts.add(account);
            }
        }
        ShellWriter w = new ShellWriter();
        prologue(w, plan, otherAccounts);
        int total = plan.steps().size();
        for (int i = 0; i < total; i++) {
            PlanStep step = plan.steps().get(i);
            w.blank();
            w.comment("Step " + (i + 1) + "/" + total + " [" + step.id() + "]: " + step.title());
            for (String e : step.expectedResults()) {
                w.comment("  expect: " + e);
            }
            w.line("echo " + ShellWriter.quote("==> [" + (i + 1) + "/" + total + "] " + step.title()));
            new ShellSteps(w, clusterAccount, "step" + (i + 1)).write(step.action());
        }
        w.blank();
        w.line("echo " + ShellWriter.quote(total == 0 ? "Nothing to do: plan " + plan.id() + " is empty."
                : "Plan " + plan.id() + ": all " + total + " steps done."));
        return w.toString();
    }

    private static void prologue(ShellWriter w, ConversionPlan plan, TreeSet<String> otherAccounts) {
        w.line("#!/usr/bin/env bash");
        w.comment("EKS Identity Console conversion plan " + plan.id());
        w.comment("Cluster " + plan.cluster().name() + " (" + plan.cluster().arn() + ")");
        w.comment("Review every step before running it. Steps are idempotent: re-running skips what is done.");
        w.comment("");
        w.comment("Usage: " + "./convert.sh [--profile NAME] [--context NAME]"
                + (otherAccounts.isEmpty() ? "" : " [--account-profile ACCOUNT=NAME ...]"));
        w.comment("  --profile  AWS profile for account " + plan.cluster().account() + " (default: $AWS_PROFILE)");
        w.comment("  --context  kubectl context of the cluster (default: $KUBE_CONTEXT, else the current one)");
        for (String account : otherAccounts) {
            w.comment("  --account-profile " + account + "=NAME  profile that can write IAM in account " + account
                    + " (default: $PROFILE_" + account + ")");
        }
        NotConverted.lines(plan).forEach(w::comment);
        w.line("set -euo pipefail");
        w.blank();
        w.line("CLUSTER=" + ShellWriter.quote(plan.cluster().name()));
        w.line("REGION=" + ShellWriter.quote(plan.cluster().region()));
        w.line("PROFILE=\"${AWS_PROFILE:-}\"");
        w.line("CONTEXT=\"${KUBE_CONTEXT:-}\"");
        for (String account : otherAccounts) {
            w.line("PROFILE_" + account + "=\"${PROFILE_" + account + ":-}\"");
        }
        w.line("while [[ $# -gt 0 ]]; do");
        w.line("  case \"$1\" in");
        w.line("    --profile) PROFILE=\"${2:?--profile needs a profile name}\"; shift 2 ;;");
        w.line("    --context) CONTEXT=\"${2:?--context needs a context name}\"; shift 2 ;;");
        if (!otherAccounts.isEmpty()) {
            w.line("    --account-profile)");
            w.line("      pair=\"${2:?--account-profile needs ACCOUNT=NAME}\"");
            w.line("      case \"${pair%%=*}\" in");
            for (String account : otherAccounts) {
                w.line("        " + account + ") PROFILE_" + account + "=\"${pair#*=}\" ;;");
            }
            w.line("        *) echo \"no step writes account ${pair%%=*}\" >&2; exit 2 ;;");
            w.line("      esac");
            w.line("      shift 2 ;;");
        }
        w.line("    *) echo \"unknown argument: $1\" >&2; exit 2 ;;");
        w.line("  esac");
        w.line("done");
        w.blank();
        w.line("aws_cluster() {");
        w.line("  if [[ -n \"$PROFILE\" ]]; then aws --profile \"$PROFILE\" --region \"$REGION\" \"$@\"; "
                + "else aws --region \"$REGION\" \"$@\"; fi");
        w.line("}");
        for (String account : otherAccounts) {
            w.line("aws_account_" + account + "() {");
            w.line("  if [[ -z \"$PROFILE_" + account + "\" ]]; then");
            w.line("    echo \"set --account-profile " + account + "=NAME (a profile that can write IAM in account "
                    + account + ")\" >&2");
            w.line("    return 1");
            w.line("  fi");
            w.line("  aws --profile \"$PROFILE_" + account + "\" --region \"$REGION\" \"$@\"");
            w.line("}");
        }
        w.line("kube() {");
        w.line("  if [[ -n \"$CONTEXT\" ]]; then kubectl --context \"$CONTEXT\" \"$@\"; else kubectl \"$@\"; fi");
        w.line("}");
        w.comment("The association ID of NAMESPACE SERVICE_ACCOUNT, or None.");
        w.line("association_id() {");
        w.line("  aws_cluster eks list-pod-identity-associations --cluster-name \"$CLUSTER\" --namespace \"$1\" "
                + "--service-account \"$2\" --query 'associations[0].associationId' --output text");
        w.line("}");
        w.comment("Running pods of NAMESPACE SERVICE_ACCOUNT whose containers lack the Pod Identity variables.");
        w.line("pods_without_pod_identity() {");
        w.line("  kube -n \"$1\" get pods --field-selector \"spec.serviceAccountName=$2,status.phase=Running\" "
                + "-o jsonpath='{range .items[*]}{.metadata.name}{\" \"}{.spec.containers[*].env[?(@.name==\""
                + "AWS_CONTAINER_CREDENTIALS_FULL_URI\")].name}{\"\\n\"}{end}' | awk 'NF < 2 { print $1 }'");
        w.line("}");
        w.line("WORKDIR=\"$(mktemp -d)\"");
        w.line("trap 'rm -rf \"$WORKDIR\"' EXIT");
    }

    /** The account whose IAM a step writes, or null for steps that write none. */
    static String writeAccount(StepAction a) {
        if (a instanceof StepAction.UpdateRoleTrust u) {
            return u.account();
        }
        if (a instanceof StepAction.UpdateTargetRoleTrust t) {
            return t.account();
        }
        if (a instanceof StepAction.RemoveOidcTrust r) {
            return r.account();
        }
        if (a instanceof StepAction.CreateBridgeRole b) {
            return b.account();
        }
        return null;
    }

    static String refs(List<ServiceAccountRef> refs) {
        return String.join(", ", refs.stream().map(ServiceAccountRef::toString).toList());
    }

    /** Tags as the aws CLI takes them: {@code [{"Key":..,"Value":..}]} (IAM) or {@code {"k":"v"}} (EKS). */
    static String jsonTags(Map<String, String> tags, boolean keyValueList) {
        if (keyValueList) {
            ArrayNode list = Json.array();
            tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
            return Json.compact(list);
        }
        ObjectNode map = Json.object();
        tags.forEach(map::put);
        return Json.compact(map);
    }
}

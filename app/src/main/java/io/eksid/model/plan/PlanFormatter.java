package io.eksid.model.plan;

import io.eksid.model.ServiceAccountRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plan as text for the CLI and the preview dialog: header and counts, numbered steps with dependencies,
 * a unified diff of every trust policy change, the steps per service account, and everything not converted.
 */
public final class PlanFormatter {

    public String format(ConversionPlan plan) {
        StringBuilder out = new StringBuilder();
        header(out, plan);
        Map<String, Integer> number = new HashMap<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            number.put(plan.steps().get(i).id(), i + 1);
        }
        steps(out, plan, number);
        trustDiffs(out, plan);
        serviceAccounts(out, plan, number);
        if (!plan.alreadyDone().isEmpty()) {
            out.append("\nAlready done (").append(plan.alreadyDone().size()).append(")\n");
            plan.alreadyDone().forEach(d -> out.append("  ").append(d.serviceAccount()).append(": ")
                    .append(d.detail()).append('\n'));
        }
        if (!plan.skipped().isEmpty()) {
            out.append("\nSkipped (").append(plan.skipped().size()).append(")\n");
            plan.skipped().forEach(s -> out.append("  ").append(s.serviceAccount()).append(" [")
                    .append(s.reason()).append("]: ").append(s.detail()).append('\n'));
        }
        if (!plan.externalRequests().isEmpty()) {
            out.append("\nRequests for other accounts' owners (").append(plan.externalRequests().size()).append(")\n");
            for (ExternalRequest r : plan.externalRequests()) {
                out.append("  Account ").append(r.account()).append(", role ").append(r.roleArn()).append(" (for ")
                        .append(names(r.serviceAccounts())).append("):\n  ").append(r.reason()).append('\n');
                indent(out, r.statementJson(), "    ");
            }
        }
        if (!plan.notes().isEmpty()) {
            out.append("\nNotes\n");
            plan.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static void header(StringBuilder out, ConversionPlan plan) {
        PlanSummary s = plan.summary();
        ConversionOptions o = plan.options();
        out.append("Conversion plan ").append(plan.id()).append(" for cluster ").append(plan.cluster().name())
                .append(" (").append(plan.cluster().arn()).append(")\n");
        out.append("Selection: ").append(plan.selection().describe()).append('\n');
        out.append("Options: restart workloads ").append(yesNo(o.restartWorkloads()))
                .append(", remove annotation after verification ").append(yesNo(o.removeAnnotationAfterVerify()))
                .append(", remove OIDC trust after verification ").append(yesNo(o.removeOidcTrustAfterVerify()))
                .append(", cross-account ").append(o.crossAccount() == ConversionOptions.CrossAccountMode.SKIP
                        ? "skipped" : "chained through a role of account " + plan.cluster().account()).append('\n');
        out.append("Summary: ").append(s.serviceAccountsSelected()).append(" selected: ")
                .append(s.serviceAccountsToConvert()).append(" to convert, ").append(s.serviceAccountsAlreadyDone())
                .append(" already done, ").append(s.serviceAccountsSkipped()).append(" skipped; ").append(s.steps())
                .append(" steps (").append(s.roleTrustUpdates()).append(" trust updates, ").append(s.associations())
                .append(" associations, ").append(s.workloadRestarts()).append(" restarts, ").append(s.cleanUpSteps())
                .append(" clean-up)");
        if (s.externalRequests() > 0) {
            out.append("; ").append(s.externalRequests()).append(" request(s) for other accounts");
        }
        out.append('\n');
        if (s.empty()) {
            out.append("\nNothing to do.\n");
        }
    }

    private static void steps(StringBuilder out, ConversionPlan plan, Map<String, Integer> number) {
        if (plan.steps().isEmpty()) {
            return;
        }
        out.append("\nSteps\n");
        for (PlanStep step : plan.steps()) {
            int n = number.get(step.id());
            out.append(String.format("%3d. %s%n", n, step.title()));
            out.append("       id: ").append(step.id()).append('\n');
            if (!step.dependsOn().isEmpty()) {
                out.append("       after: ").append(step.dependsOn().stream().map(number::get).sorted()
                        .map(k -> "#" + k).collect(Collectors.joining(", "))).append('\n');
            }
            step.preconditions().forEach(p -> out.append("       requires: ").append(p).append('\n'));
            step.expectedResults().forEach(e -> out.append("       expect: ").append(e).append('\n'));
        }
    }

    private static void trustDiffs(StringBuilder out, ConversionPlan plan) {
        boolean any = false;
        for (PlanStep step : plan.steps()) {
            String arn;
            String before;
            String after;
            String sizes;
            List<String> notes = List.of();
            if (step.action() instanceof StepAction.UpdateRoleTrust u) {
                arn = u.roleArn();
                before = u.beforePolicy();
                after = u.afterPolicy();
                sizes = size(u.charactersBefore(), u.charactersAfter(), u.quota()) + ", for "
                        + names(u.serviceAccounts());
                notes = u.notes();
            } else if (step.action() instanceof StepAction.UpdateTargetRoleTrust t) {
                arn = t.roleArn();
                before = t.beforePolicy();
                after = t.afterPolicy();
                sizes = size(t.charactersBefore(), t.charactersAfter(), t.quota()) + ", lets " + t.bridgeRoleArn()
                        + " chain to it";
            } else if (step.action() instanceof StepAction.RemoveOidcTrust r) {
                arn = r.roleArn();
                before = r.beforePolicy();
                after = r.afterPolicy();
                sizes = size(r.charactersBefore(), r.charactersAfter(), r.quota()) + ", drops the OIDC trust of "
                        + names(r.serviceAccounts());
                notes = r.notes();
            } else if (step.action() instanceof StepAction.CreateBridgeRole b) {
                arn = b.roleArn();
                before = "";
                after = b.trustPolicy();
                sizes = "new role, chains to " + b.targetRoleArn();
            } else {
                continue;
            }
            if (!any) {
                out.append("\nTrust policy changes\n");
                any = true;
            }
            out.append("\n  ").append(step.id()).append(" (").append(sizes).append(")\n");
            indent(out, UnifiedDiff.diff(before, after, arn + " (current)", arn + " (planned)"), "    ");
            notes.forEach(n -> out.append("    note: ").append(n).append('\n'));
        }
    }

    private static void serviceAccounts(StringBuilder out, ConversionPlan plan, Map<String, Integer> number) {
        if (plan.planned().isEmpty()) {
            return;
        }
        out.append("\nService accounts (").append(plan.planned().size()).append(")\n");
        for (PlannedServiceAccount p : plan.planned()) {
            out.append("  ").append(p.serviceAccount()).append(" -> ").append(p.associationRoleArn());
            if (p.targetRoleArn() != null) {
                out.append(" -> ").append(p.targetRoleArn());
            }
            if (p.addonName() != null) {
                out.append(" (through add-on ").append(p.addonName()).append(')');
            }
            out.append("\n    steps: ").append(p.stepIds().stream().map(id -> "#" + number.get(id) + " " + id)
                    .collect(Collectors.joining(", "))).append('\n');
        }
    }

    private static String size(int before, int after, int quota) {
        return String.format("%,d -> %,d of %,d characters", before, after, quota);
    }

    private static String names(List<ServiceAccountRef> refs) {
        return refs.stream().map(ServiceAccountRef::toString).collect(Collectors.joining(", "));
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static void indent(StringBuilder out, String text, String prefix) {
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                out.append(prefix).append(line).append('\n');
            }
        }
    }
}

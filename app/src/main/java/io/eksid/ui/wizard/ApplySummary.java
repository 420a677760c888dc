package io.eksid.ui.wizard;

import io.eksid.engine.convert.ApplyResult;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlannedServiceAccount;
import io.eksid.model.plan.StepAction;
import io.eksid.model.plan.StepKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an apply did, as the conversion wizard's summary shows it when the run ends.
 *
 * @param podsToRestart running pods of the converted service accounts that still have their old credentials:
 *                      their workload was not restarted by this run (restarts off, failed, or a Job or bare pod)
 * @param journal       the journal's path, for {@code eksid apply --resume} and {@code eksid rollback}
 */
public record ApplySummary(int done, int skipped, int failed, int notRun, int rolesRewritten, int associationsCreated,
                           int addonsUpdated, int podsToRestart, int verified, int verifyFailed, int verifyTotal,
                           String journal) {

    static ApplySummary of(ApplyResult r, ConversionPlan plan, ClusterSnapshot snapshot) {
        Set<String> restarted = new HashSet<>();
        for (ApplyResult.StepOutcome o : r.succeeded()) {
            if (o.kind() == StepKind.RESTART_WORKLOAD) {
                plan.step(o.stepId()).map(s -> s.action()).filter(a -> a instanceof StepAction.RestartWorkload)
                        .map(a -> (StepAction.RestartWorkload) a)
                        .ifPresent(w -> restarted.add(w.namespace() + "/" + w.workloadKind() + "/" + w.workloadName()));
            }
        }
        Set<ServiceAccountRef> converted = new HashSet<>();
        plan.planned().stream().map(PlannedServiceAccount::serviceAccount).forEach(converted::add);
        int stale = 0;
        for (PodInfo p : snapshot.pods()) {
            if (converted.contains(p.serviceAccountRef()) && !p.credentials().podIdentity()
                    && (p.owner() == null || !restarted.contains(p.namespace() + "/" + p.owner().kind() + "/"
                    + p.owner().name()))) {
                stale++;
            }
        }
        return new ApplySummary(r.succeeded().size(), r.skipped().size(), r.failed().size(), r.notRun().size(),
                changed(r.succeeded(), StepKind.UPDATE_ROLE_TRUST) + changed(r.succeeded(),
                        StepKind.UPDATE_TARGET_ROLE_TRUST) + changed(r.succeeded(), StepKind.REMOVE_OIDC_TRUST),
                changed(r.succeeded(), StepKind.CREATE_ASSOCIATION),
                changed(r.succeeded(), StepKind.UPDATE_ADDON_POD_IDENTITY), stale,
                count(r.succeeded(), StepKind.VERIFY), count(r.failed(), StepKind.VERIFY),
                plan.steps(StepKind.VERIFY).size(), r.journal().toAbsolutePath().toString());
    }

    private static int changed(List<ApplyResult.StepOutcome> outcomes, StepKind kind) {
        return (int) outcomes.stream().filter(o -> o.kind() == kind && o.changed()).count();
    }

    private static int count(List<ApplyResult.StepOutcome> outcomes, StepKind kind) {
        return (int) outcomes.stream().filter(o -> o.kind() == kind).count();
    }

    /** The summary's lines: steps, what changed, what is left to the user, where the journal is. */
    public List<String> lines() {
        return List.of(
                "Steps: " + done + " done, " + skipped + " skipped, " + failed + " failed"
                        + (notRun > 0 ? ", " + notRun + " not started" : ""),
                "Roles rewritten: " + rolesRewritten + " \u00b7 associations created: " + associationsCreated
                        + (addonsUpdated > 0 ? " \u00b7 add-ons updated: " + addonsUpdated : ""),
                podsToRestart == 0 ? "Pods to restart: none, every running pod of these service accounts was replaced"
                        : "Pods to restart: " + podsToRestart + " still run with their old credentials (only pods "
                        + "created from now on get Pod Identity)",
                "Verification: " + (verifyTotal == 0 ? "none planned" : verified + " of " + verifyTotal + " passed"
                        + (verifyFailed > 0 ? ", " + verifyFailed + " failed" : "")
                        + (verified + verifyFailed < verifyTotal ? ", " + (verifyTotal - verified - verifyFailed)
                        + " not run" : "")),
                "Journal: " + journal);
    }
}

package io.eksid.model.plan;

/** Counts for a plan header and for {@code --output json}. */
public record PlanSummary(int serviceAccountsSelected, int serviceAccountsToConvert, int serviceAccountsAlreadyDone,
                          int serviceAccountsSkipped, int steps, int roleTrustUpdates, int associations,
                          int workloadRestarts, int cleanUpSteps, int externalRequests) {

    /** Whether applying the plan would change nothing. */
    public boolean empty() {
        return steps == 0;
    }
}

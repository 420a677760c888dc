package io.eksid.ui.wizard;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.graph.EdgeStatus;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.MappingCheck;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.model.plan.AlreadyDone;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.PlannedServiceAccount;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.SkippedItem;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The conversion wizard's planning, run off the UI thread: the planner's plan for the selection, less the service
 * accounts whose IRSA mapping is broken today (converting them would grant credentials their pods do not have,
 * so each is opt-in), and the flags the preview shows beside the plan.
 */
final class WizardPlanning {

    /** A plan and what the preview flags about it. */
    record Result(ConversionPlan plan, PreviewFlags flags) {
    }

    private final ClusterSnapshot snapshot;
    private final ConversionPlanner planner = new ConversionPlanner(new TrustEvaluator(), new TrustRewriter());
    private IdentityGraph graph;
    private Set<String> writableAccounts;
    private volatile String accountsNote;

    WizardPlanning(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Accounts other than the cluster's a profile can write, asked once; none when that cannot be checked. */
    synchronized Set<String> writableAccounts(PlanRunner runner) {
        if (writableAccounts == null) {
            try {
                accountsNote = null;
                writableAccounts = runner.writableAccounts();
            } catch (RuntimeException e) {
                // Planning still works from the live snapshot; only cross-account writes are left to their owners.
                accountsNote = "Could not check which other accounts a profile can write (" + e.getMessage()
                        + "); cross-account trust changes are listed as requests to their owners.";
                writableAccounts = Set.of();
            }
        }
        return writableAccounts;
    }

    String accountsNote() {
        return accountsNote;
    }

    /** Plans {@code selection}; broken IRSA mappings are left out unless listed in {@code optedIn}. */
    synchronized Result plan(Selection selection, ConversionOptions options, Set<ServiceAccountRef> optedIn) {
        if (graph == null) {
            graph = IdentityGraph.build(snapshot, new TrustEvaluator());
        }
        ConversionPlan first = planner.plan(snapshot, selection, options);
        Map<ServiceAccountRef, String> broken = new TreeMap<>();
        for (PlannedServiceAccount p : first.planned()) {
            graph.serviceAccount(p.serviceAccount()).map(ServiceAccountIdentity::irsaCheck)
                    .filter(c -> c.status() == EdgeStatus.BROKEN).map(MappingCheck::reason)
                    .ifPresent(why -> broken.put(p.serviceAccount(), why));
        }
        Set<ServiceAccountRef> excluded = new LinkedHashSet<>(broken.keySet());
        excluded.removeAll(optedIn);
        ConversionPlan plan = first;
        boolean allExcluded = false;
        if (!excluded.isEmpty()) {
            List<ServiceAccountRef> rest = new ArrayList<>();
            first.planned().forEach(p -> rest.add(p.serviceAccount()));
            first.skipped().stream().map(SkippedItem::serviceAccount).forEach(rest::add);
            first.alreadyDone().stream().map(AlreadyDone::serviceAccount).forEach(rest::add);
            rest.removeAll(excluded);
            if (rest.isEmpty()) {
                allExcluded = true;
            } else {
                plan = planner.plan(snapshot, Selection.serviceAccounts(rest), options);
            }
        }
        return new Result(plan, new PreviewFlags(hostNetworkPods(first), broken, excluded, allExcluded));
    }

    private Map<ServiceAccountRef, List<String>> hostNetworkPods(ConversionPlan plan) {
        Set<ServiceAccountRef> planned = new LinkedHashSet<>();
        plan.planned().forEach(p -> planned.add(p.serviceAccount()));
        Map<ServiceAccountRef, List<String>> out = new LinkedHashMap<>();
        for (PodInfo p : snapshot.pods()) {
            if (p.hostNetwork() && planned.contains(p.serviceAccountRef())) {
                out.computeIfAbsent(p.serviceAccountRef(), k -> new ArrayList<>()).add(p.name());
            }
        }
        out.values().forEach(l -> l.sort(String::compareTo));
        return out;
    }
}

package io.eksid.ui.tour;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.ui.inspector.AccessVerdicts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The guided tour's three stops, picked from what the cluster really holds: a broken IRSA mapping, a service
 * account a conversion can take on now, and the Convert button. A stop whose subject this cluster lacks is left
 * out rather than pointed at something else. Pure.
 */
public final class TourPlan {

    static final String CONVERT_BUTTON = "convert-irsa";

    private TourPlan() {
    }

    public static List<TourStop> of(IdentityState s) {
        List<TourStop> stops = new ArrayList<>();
        if (s == null) {
            return stops;
        }
        IdentityGraph g = s.graph();
        List<ServiceAccountIdentity> mapped = g.serviceAccounts().stream()
                .filter(sa -> sa.exists() && sa.irsaRole() != null && !sa.hasAssociation())
                .sorted(Comparator.comparing(ServiceAccountIdentity::nodeId))
                .toList();
        for (ServiceAccountIdentity sa : mapped) {
            AccessVerdicts.Verdict v = AccessVerdicts.newPods(g, sa);
            if (v.tone() == AccessVerdicts.Tone.FAILS) {
                stops.add(TourStop.atNode("A broken mapping",
                        sa.ref() + " is annotated for IRSA. " + v.headline() + ". The red dashes and the red dot mark it; the inspector on the right names the "
                                + "condition that failed and gives the fix.", sa.nodeId()));
                break;
            }
        }
        for (ServiceAccountIdentity sa : mapped) {
            if (AccessVerdicts.newPods(g, sa).tone() == AccessVerdicts.Tone.WORKS) {
                stops.add(TourStop.atNode("Ready for Pod Identity",
                        sa.ref() + " gets role " + sa.irsaRole().name() + " through IRSA today. A blue dot marks "
                                + "each service account a conversion can take on now; double-click it (or pick "
                                + "Convert in the inspector) to preview its conversion alone.", sa.nodeId()));
                break;
            }
        }
        int convertible = g.convertibleIrsaMappings().size();
        stops.add(TourStop.atControl("Convert in one step",
                (convertible == 0 ? "Nothing here needs converting now. " : "Convert previews all " + convertible
                        + " IRSA mappings at once: ")
                        + "one diff per role, the associations to create and what is skipped and why. Nothing is "
                        + "written until you confirm; every step is journaled, checked and can be rolled back "
                        + "from Activity.", CONVERT_BUTTON));
        return stops;
    }
}

package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.ui.inspector.AccessVerdicts;

/**
 * The answer strip above the graph, as numbers: IRSA mappings, how many convert now, how many are broken, pods
 * on stale credentials, and whether the Pod Identity agent runs. Built off the FX thread with the table rows.
 *
 * @param kubeListed false until Kubernetes was listed: then not even the IRSA mappings are counted yet
 * @param awsRead    false until the AWS side was read: then nothing is counted as broken yet
 */
public record IdentitySummary(int irsaMappings, int convertible, int broken, int stalePods, boolean agentPresent,
                              boolean kubeListed, boolean awsRead) {

    public static IdentitySummary of(IdentityState s) {
        IdentityGraph g = s.graph();
        boolean listed = MainViewModel.kubeListed(s);
        boolean read = listed && MainViewModel.awsRead(s);
        int broken = 0;
        if (read) {
            for (ServiceAccountIdentity sa : g.serviceAccounts()) {
                if (sa.exists() && (sa.hasIrsaAnnotation() || sa.hasAssociation())
                        && AccessVerdicts.newPods(g, sa).tone() == AccessVerdicts.Tone.FAILS) {
                    broken++;
                }
            }
        }
        return new IdentitySummary(g.counts().irsaMappings(), read ? g.convertibleIrsaMappings().size() : 0, broken,
                read ? g.counts().stalePods() : 0, g.agentStatus().present(), listed, read);
    }
}

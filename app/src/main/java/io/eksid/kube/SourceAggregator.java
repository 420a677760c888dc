package io.eksid.kube;

import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Combines the states of the reflectors behind one source (one per namespace in the fallback) into the single
 * state the store shows, adding the scope note ("cluster-wide list of pods is forbidden; watching shop, web").
 */
final class SourceAggregator {

    private final ClusterStore store;
    private final String source;
    private final String scopeNote;
    private final SourceState[] states;
    private final String[] reasons;

    SourceAggregator(ClusterStore store, String source, int parts, String scopeNote) {
        this.store = store;
        this.source = source;
        this.scopeNote = scopeNote;
        this.states = new SourceState[parts];
        this.reasons = new String[parts];
        Arrays.fill(states, SourceState.CONNECTING);
        Arrays.fill(reasons, "");
    }

    Reflector.StateListener part(int index) {
        return (state, reason) -> update(index, state, reason);
    }

    private synchronized void update(int index, SourceState state, String reason) {
        states[index] = state;
        reasons[index] = reason == null ? "" : reason;
        SourceState combined;
        Set<SourceState> distinct = new LinkedHashSet<>(Arrays.asList(states));
        if (distinct.size() == 1 && (scopeNote == null || state == SourceState.FORBIDDEN
                || state == SourceState.ERROR || state == SourceState.CONNECTING)) {
            combined = state;
        } else if (distinct.contains(SourceState.CONNECTING) && !distinct.contains(SourceState.ERROR)
                && !distinct.contains(SourceState.FORBIDDEN)) {
            combined = SourceState.CONNECTING;
        } else {
            combined = SourceState.DEGRADED;
        }
        store.reportSource(source, combined, reason(combined));
    }

    private String reason(SourceState combined) {
        List<String> parts = new ArrayList<>();
        if (combined == SourceState.DEGRADED && scopeNote != null) {
            parts.add(scopeNote);
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < states.length; i++) {
            if (!reasons[i].isEmpty() && (states[i] != SourceState.LIVE || states.length == 1)) {
                distinct.add(reasons[i]);
            }
        }
        distinct.stream().limit(3).forEach(parts::add);
        if (distinct.size() > 3) {
            parts.add("and " + (distinct.size() - 3) + " more");
        }
        return String.join("; ", parts);
    }
}

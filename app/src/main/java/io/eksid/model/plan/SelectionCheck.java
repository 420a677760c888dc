package io.eksid.model.plan;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.ServiceAccountRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether a selection names anything in the cluster: a service account that does not exist, or a namespace
 * without one IRSA service account, is bad input, not an empty plan. The answer names the closest existing
 * service accounts (or namespaces), so a typo is one glance away from its fix.
 */
public final class SelectionCheck {

    private static final int SUGGESTIONS = 3;

    private SelectionCheck() {
    }

    /** The problem with {@code selection} in {@code snapshot}, or empty when every name it gives exists. */
    public static Optional<String> problem(ClusterSnapshot snapshot, Selection selection) {
        String cluster = snapshot.cluster().name();
        return switch (selection.kind()) {
            case SERVICE_ACCOUNTS -> {
                Set<ServiceAccountRef> existing = snapshot.serviceAccounts().stream().map(ServiceAccountInfo::ref)
                        .collect(Collectors.toSet());
                // Suggest what could be converted (IRSA service accounts); every one when there are none.
                List<String> irsa = snapshot.serviceAccounts().stream().filter(sa -> sa.irsaRoleArn().isPresent())
                        .map(sa -> sa.ref().toString()).toList();
                List<String> candidates = irsa.isEmpty() ? existing.stream().map(ServiceAccountRef::toString)
                        .toList() : irsa;
                List<String> problems = new ArrayList<>();
                for (ServiceAccountRef ref : selection.serviceAccounts()) {
                    if (!existing.contains(ref)) {
                        problems.add("service account " + ref + " does not exist in cluster " + cluster
                                + closest(ref.toString(), candidates, irsa.isEmpty() ? "service accounts"
                                : "IRSA service accounts"));
                    }
                }
                yield problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
            }
            case NAMESPACES -> {
                Set<String> withIrsa = snapshot.serviceAccounts().stream()
                        .filter(sa -> sa.irsaRoleArn().isPresent()).map(ServiceAccountInfo::namespace)
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> namespaces = new TreeSet<>();
                snapshot.namespaces().forEach(n -> namespaces.add(n.name()));
                List<String> problems = new ArrayList<>();
                for (String ns : selection.namespaces()) {
                    if (withIrsa.contains(ns)) {
                        continue;
                    }
                    String what = namespaces.contains(ns) ? "namespace " + ns + " has no service account with an "
                            + "eks.amazonaws.com/role-arn annotation" : "namespace " + ns + " does not exist";
                    problems.add(what + " in cluster " + cluster + closest(ns, List.copyOf(withIrsa),
                            "namespaces with IRSA service accounts"));
                }
                yield problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
            }
            case ALL_IRSA -> Optional.empty();
        };
    }

    /** ", closest existing service accounts: a/b, a/c" — by edit distance, then name. */
    static String closest(String wanted, List<String> candidates, String what) {
        if (candidates.isEmpty()) {
            return " (it has no " + what + ")";
        }
        List<String> best = candidates.stream()
                .sorted(Comparator.<String>comparingInt(c -> distance(wanted, c)).thenComparing(c -> c))
                .limit(SUGGESTIONS).toList();
        return "; closest " + what + ": " + String.join(", ", best);
    }

    /** Levenshtein distance, case-insensitive: "nobody" is close to "Nobody" and to "nobdy". */
    static int distance(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        int[] prev = new int[y.length() + 1];
        int[] cur = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int sub = prev[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length()];
    }
}

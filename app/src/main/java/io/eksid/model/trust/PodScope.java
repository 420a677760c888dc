package io.eksid.model.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says which pods a condition admits when the only thing a question does not know is the pod: the per-pod
 * truth of an ABAC rule on the {@code kubernetes-pod-name} / {@code kubernetes-pod-uid} session tags, asked
 * for a whole association ("pods named exporter-*").
 */
public final class PodScope {

    private PodScope() {
    }

    /** Whether a condition key is a pod's session tag, as a request tag or as a principal tag. */
    public static boolean isPodKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("tag/" + SessionTags.POD_NAME) || k.endsWith("tag/" + SessionTags.POD_UID);
    }

    /** Whether every undecided condition is on a pod tag (so the answer is decided per pod). */
    public static boolean onlyPodKeys(List<UndecidedCondition> undecided) {
        return !undecided.isEmpty() && undecided.stream().allMatch(u -> isPodKey(u.key()));
    }

    /**
     * "pods named exporter-*", "pods not named canary", "the pod with uid 1234": the pods for which the
     * conditions hold, or empty when they are not all string comparisons on pod tags.
     */
    public static Optional<String> describe(List<UndecidedCondition> undecided) {
        if (!onlyPodKeys(undecided)) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (UndecidedCondition u : undecided) {
            String op = u.operator().replace("ForAnyValue:", "").replace("ForAllValues:", "")
                    .replace("IfExists", "");
            if (!op.startsWith("String")) {
                return Optional.empty();
            }
            boolean negated = op.startsWith("StringNot");
            boolean name = u.key().toLowerCase(Locale.ROOT).endsWith(SessionTags.POD_NAME);
            String values = String.join(" or ", u.values());
            parts.add(name ? "pods " + (negated ? "not named " : "named ") + values
                    : "the pod " + (negated ? "whose uid is not " : "with uid ") + values);
        }
        return Optional.of(String.join(" and ", parts));
    }
}

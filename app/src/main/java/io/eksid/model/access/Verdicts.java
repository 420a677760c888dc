package io.eksid.model.access;

import io.eksid.model.access.AccessDecision.Decision;
import io.eksid.model.access.AccessDecision.StatementMatch;
import io.eksid.model.access.PermissionEvaluator.Hit;
import io.eksid.model.access.PermissionEvaluator.Layer;
import io.eksid.model.trust.PermissionMatcher.Applies;
import io.eksid.model.trust.PermissionMatcher.Stage;
import io.eksid.model.trust.PodScope;
import io.eksid.model.trust.UndecidedCondition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Combines the statement results of the policy layers into one decision, with the statements that decided it
 * and a reason: explicit deny wins; then identity allow ∩ boundary ∩ session policy; anything undecidable that
 * could change the outcome makes it UNKNOWN, never ALLOWED.
 */
final class Verdicts {

    private final AccessRequest request;
    private final SessionIdentity session;
    private final List<Layer> layers;
    private final Set<String> keyNotes = new LinkedHashSet<>();

    Verdicts(AccessRequest request, SessionIdentity session, List<Layer> layers) {
        this.request = request;
        this.session = session;
        this.layers = layers;
    }

    /** What the decision depended on and could not know (condition keys), one note per key. */
    Set<String> keyNotes() {
        return keyNotes;
    }

    AccessDecision decide(List<String> unparsable) {
        String what = request.action() + " on " + request.resource();
        List<Hit> denies = new ArrayList<>();
        List<Hit> maybeDenies = new ArrayList<>();
        for (Layer l : layers) {
            for (Hit h : l.hits()) {
                if (!h.allow() && h.result().applies() == Applies.YES) {
                    denies.add(h);
                } else if (!h.allow() && h.result().applies() == Applies.UNKNOWN) {
                    maybeDenies.add(h);
                }
            }
        }
        if (!denies.isEmpty()) {
            Hit d = denies.get(0);
            return decision(Decision.EXPLICIT_DENY, denies.stream().map(h -> PermissionEvaluator.match(h,
                    "denies " + what + held(h))).toList(), d.label() + " denies " + what + held(d)
                    + "; an explicit Deny wins over any Allow.");
        }
        if (!unparsable.isEmpty()) {
            return decision(Decision.UNKNOWN, List.of(), "Not every policy could be read: "
                    + String.join("; ", unparsable) + ".");
        }
        Layer identity = layers.get(0);
        for (Layer l : layers) {
            if (l.verdict() == Applies.NO) {
                return implicitDeny(l, identity, what);
            }
        }
        List<StatementMatch> allowing = new ArrayList<>();
        List<String> allowReasons = new ArrayList<>();
        List<Hit> maybeAllows = new ArrayList<>();
        for (Layer l : layers) {
            if (l.verdict() == Applies.YES) {
                Hit h = l.allows(Applies.YES).get(0);
                allowing.add(PermissionEvaluator.match(h, "allows " + what + held(h)));
                allowReasons.add(h.label() + " allows it" + held(h));
            } else {
                maybeAllows.addAll(l.allows(Applies.UNKNOWN));
            }
        }
        if (maybeAllows.isEmpty() && maybeDenies.isEmpty()) {
            return decision(Decision.ALLOWED, allowing, String.join("; ", allowReasons) + layerSummary() + ".");
        }
        return unknown(allowing, allowReasons, maybeAllows, maybeDenies, what);
    }

    private AccessDecision implicitDeny(Layer failing, Layer identity, String what) {
        List<StatementMatch> statements = new ArrayList<>();
        List<Hit> near = failing.hits().stream().filter(h -> h.allow() && h.result().stage() == Stage.CONDITION)
                .toList();
        near.forEach(h -> statements.add(PermissionEvaluator.match(h, "would allow " + what + ", but "
                + h.result().explanation())));
        String closest = near.isEmpty() ? "" : " (" + near.get(0).label() + " would allow it, but "
                + near.get(0).result().explanation() + ")";
        if (failing == identity) {
            String none = identity.policies().isEmpty() ? "The role has no identity policies, so nothing allows "
                    + what : "No identity policy allows " + what;
            return decision(Decision.IMPLICIT_DENY, statements, none + closest + ": implicit deny.");
        }
        String lead = "";
        Hit allowed = identity.allows(Applies.YES).stream().findFirst().orElse(null);
        if (allowed != null) {
            statements.add(0, PermissionEvaluator.match(allowed, "allows " + what + held(allowed)));
            lead = allowed.label() + " allows " + what + ", but ";
        } else if (!identity.allows(Applies.UNKNOWN).isEmpty()) {
            lead = "whatever the identity policies allow, ";
        }
        String capped = failing.kind().equals("boundary")
                ? "the permissions boundary " + failing.policies().get(0).name() + " does not allow it" + closest
                + ": a boundary caps what identity policies can allow"
                : "the association's session policy does not allow it" + closest
                + ": a session policy caps what the session can do";
        // Policy names (file names, ARNs) keep their case; only a sentence that starts with our own words is
        // capitalised.
        return decision(Decision.IMPLICIT_DENY, statements, (allowed != null ? lead + capped
                : capitalise(lead + capped)) + ".");
    }

    private AccessDecision unknown(List<StatementMatch> allowing, List<String> allowReasons, List<Hit> maybeAllows,
                                   List<Hit> maybeDenies, String what) {
        List<StatementMatch> statements = new ArrayList<>(allowing);
        maybeAllows.forEach(h -> statements.add(PermissionEvaluator.match(h, "may allow " + what + ": "
                + h.result().explanation())));
        maybeDenies.forEach(h -> statements.add(PermissionEvaluator.match(h, "may deny " + what + ": "
                + h.result().explanation())));
        maybeAllows.forEach(h -> note(h.result().undecided()));
        maybeDenies.forEach(h -> note(h.result().undecided()));
        Optional<String> pods = podScope(maybeAllows, maybeDenies);
        StringBuilder reason = new StringBuilder();
        if (pods.isPresent()) {
            reason.append(pods.get()).append(": this question is for service account ")
                    .append(session.namespace()).append('/').append(session.serviceAccount())
                    .append(" as a whole, and the answer depends on the pod. ");
        }
        if (!maybeAllows.isEmpty()) {
            Hit h = maybeAllows.get(0);
            reason.append(h.label()).append(" may allow ").append(what).append(", but ")
                    .append(h.result().explanation()).append('.');
        } else {
            reason.append(String.join("; ", allowReasons)).append(", but ");
            Hit h = maybeDenies.get(0);
            reason.append(h.label()).append(" may deny it: ").append(h.result().explanation()).append('.');
        }
        if (!maybeAllows.isEmpty() && !maybeDenies.isEmpty()) {
            Hit h = maybeDenies.get(0);
            reason.append(" ").append(h.label()).append(" may deny it: ").append(h.result().explanation())
                    .append('.');
        }
        return decision(Decision.UNKNOWN, statements, reason.toString());
    }

    /**
     * "Allowed for pods named exporter-*" when the only thing undecided is the pod's name or uid and the
     * conditions say which pods: the per-pod truth of an ABAC policy, asked for a whole service account.
     */
    private Optional<String> podScope(List<Hit> maybeAllows, List<Hit> maybeDenies) {
        List<UndecidedCondition> all = new ArrayList<>();
        maybeAllows.forEach(h -> all.addAll(h.result().undecided()));
        maybeDenies.forEach(h -> all.addAll(h.result().undecided()));
        if (!PodScope.onlyPodKeys(all)) {
            return Optional.empty();
        }
        List<String> scopes = new ArrayList<>();
        for (Hit h : maybeAllows) {
            podWords(h.result().undecided()).ifPresent(w -> scopes.add("allowed for " + w));
        }
        for (Hit h : maybeDenies) {
            podWords(h.result().undecided()).ifPresent(w -> scopes.add("denied for " + w));
        }
        if (scopes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(capitalise(String.join("; ", scopes)));
    }

    private static Optional<String> podWords(List<UndecidedCondition> conditions) {
        return PodScope.describe(conditions);
    }

    private void note(List<UndecidedCondition> undecided) {
        for (UndecidedCondition u : undecided) {
            if (SessionKeys.isPodTagKey(u.key())) {
                keyNotes.add(u.key() + " is the " + (u.key().toLowerCase(Locale.ROOT).endsWith(SessionKeys.POD_NAME)
                        ? "name" : "uid") + " of the pod asking: the question is for the service account as a"
                        + " whole, so the answer can differ per pod.");
            } else {
                keyNotes.add(u.key() + " is not known for this request: give its value as request context to"
                        + " decide.");
            }
        }
    }

    private String layerSummary() {
        return layers.size() == 1 ? "" : layers.stream().anyMatch(l -> l.kind().equals("session"))
                && layers.stream().anyMatch(l -> l.kind().equals("boundary"))
                ? " (identity policy, permissions boundary and session policy all allow it)"
                : layers.get(1).kind().equals("boundary") ? " (identity policy and permissions boundary both allow it)"
                : " (identity policy and session policy both allow it)";
    }

    private static String held(Hit h) {
        return h.result().held().isEmpty() ? "" : " and its conditions hold ("
                + String.join("; ", h.result().held()) + ")";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static AccessDecision decision(Decision d, List<StatementMatch> statements, String reason) {
        return new AccessDecision(d, statements, List.of(), reason);
    }
}

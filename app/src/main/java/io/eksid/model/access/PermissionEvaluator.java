package io.eksid.model.access;

import io.eksid.model.NamedPolicy;
import io.eksid.model.PolicySource;
import io.eksid.model.RoleArn;
import io.eksid.model.RolePermissions;
import io.eksid.model.access.AccessDecision.Decision;
import io.eksid.model.access.AccessDecision.StatementMatch;
import io.eksid.model.trust.ContextKeys;
import io.eksid.model.trust.Effect;
import io.eksid.model.trust.PermissionMatcher;
import io.eksid.model.trust.PermissionMatcher.Applies;
import io.eksid.model.trust.PermissionPolicy;
import io.eksid.model.trust.PolicyParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "may this role session call {@code action} on {@code resource}?" the way IAM evaluates a request by an
 * assumed-role session in its own account (IAM docs, "Policy evaluation logic"): an explicit Deny in any policy
 * wins; otherwise the request is allowed only when an identity policy allows it <em>and</em> the permissions
 * boundary (if any) allows it <em>and</em> the session policy (if any) allows it; otherwise it is implicitly
 * denied. Conditions are judged by the trust engine's condition evaluator, so both engines read policies alike.
 *
 * <p>What the evaluation never sees (SCPs, RCPs, VPC endpoint policies, resource policies) is listed in the
 * decision's {@code unknown}; where IAM requires one of them to allow as well (a KMS key policy, a role's trust
 * policy, a resource in another account) an allowed request is UNKNOWN instead. A condition on a key the
 * question does not know (a pod's name when asked for a whole service account, a resource's tags) makes the
 * decision UNKNOWN with what it depends on, never a guess. Stateless.
 */
public final class PermissionEvaluator {

    private static final String SESSION_POLICY_NAME = "association session policy";

    private final PermissionMatcher matcher = new PermissionMatcher();

    public PermissionEvaluator() {
    }

    /** One statement's result, with the policy it belongs to. */
    record Hit(NamedPolicy policy, PermissionMatcher.Result result) {
        boolean allow() {
            return result.statement().effect() == Effect.ALLOW;
        }

        String label() {
            String sid = result.statement().sid();
            return policy.name() + " Statement[" + result.index() + "]"
                    + (sid == null || sid.isEmpty() ? "" : " (" + sid + ")");
        }
    }

    /** The statements of one policy type (identity, boundary, session) and what they say together. */
    record Layer(String kind, List<NamedPolicy> policies, List<Hit> hits) {
        List<Hit> allows(Applies a) {
            return hits.stream().filter(h -> h.allow() && h.result().applies() == a).toList();
        }

        Applies verdict() {
            if (!allows(Applies.YES).isEmpty()) {
                return Applies.YES;
            }
            return allows(Applies.UNKNOWN).isEmpty() ? Applies.NO : Applies.UNKNOWN;
        }
    }

    public AccessDecision evaluate(RolePermissions role, SessionIdentity session, AccessRequest request) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(request, "request");
        RoleArn roleArn = RoleArn.tryParse(role.roleArn()).orElseThrow(() -> new IllegalArgumentException(
                "not a role ARN: " + role.roleArn()));
        Set<String> unknown = new LinkedHashSet<>(UnseenPolicies.notes(request.action(), request.resource()));
        request.context().keySet().stream().filter(SessionKeys::sessionDecided).forEach(k -> unknown.add(
                k + " is decided by the session, not the request: the request's value was not used."));
        ContextKeys keys = SessionKeys.of(role, roleArn, session, request);
        List<String> unparsable = new ArrayList<>();

        List<Layer> layers = new ArrayList<>();
        layers.add(layer("identity", role.identityPolicies(), request, keys, unparsable));
        if (role.boundary() != null) {
            layers.add(layer("boundary", List.of(role.boundary()), request, keys, unparsable));
        }
        if (session.sessionPolicy() != null && !session.sessionPolicy().isBlank()) {
            layers.add(layer("session", List.of(new NamedPolicy(PolicySource.SESSION, SESSION_POLICY_NAME, null,
                    session.sessionPolicy())), request, keys, unparsable));
        }
        Verdicts v = new Verdicts(request, session, layers);
        AccessDecision d = v.decide(unparsable);
        unknown.addAll(v.keyNotes());
        if (d.decision() == Decision.ALLOWED) {
            Optional<String> required = UnseenPolicies.requiredUnseenAllow(request.action(), request.resource(),
                    roleArn);
            if (required.isPresent()) {
                return new AccessDecision(Decision.UNKNOWN, d.statements(), List.copyOf(unknown),
                        "The role's policies allow it (" + stripPeriod(d.reason()) + "), but " + required.get()
                                + ".");
            }
        }
        return new AccessDecision(d.decision(), d.statements(), List.copyOf(unknown), d.reason());
    }

    private Layer layer(String kind, List<NamedPolicy> policies, AccessRequest request, ContextKeys keys,
                        List<String> unparsable) {
        List<Hit> hits = new ArrayList<>();
        for (NamedPolicy p : policies) {
            PermissionPolicy parsed;
            try {
                parsed = PermissionPolicy.parse(p.document());
            } catch (PolicyParseException e) {
                unparsable.add(p.name() + " could not be parsed (" + e.getMessage() + ")");
                continue;
            }
            for (int i = 0; i < parsed.statements().size(); i++) {
                hits.add(new Hit(p, matcher.evaluate(parsed, i, request.action(), request.resource(), keys)));
            }
        }
        return new Layer(kind, policies, hits);
    }

    private static String stripPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static StatementMatch match(Hit h, String why) {
        return new StatementMatch(h.policy().name(), h.result().statement().sid(), h.result().index(),
                h.result().statement().effect().json(), why);
    }
}

package io.eksid.model.trust;

import io.eksid.model.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Combines statement results into one decision for one action, as IAM does: an applicable Deny wins; otherwise an
 * applicable Allow allows; otherwise the request is implicitly denied. Anything undecidable that could change the
 * outcome makes it UNPROVABLE, never ALLOWED. Reasons are sentences an admin can act on.
 */
final class DecisionMaker {

    private final StatementEvaluator statements = new StatementEvaluator();

    TrustDecision decide(TrustPolicy policy, RequestContext ctx) {
        List<StatementEvaluator.Result> results = new ArrayList<>();
        for (int i = 0; i < policy.statements().size(); i++) {
            results.add(statements.evaluate(policy.statements().get(i), i, ctx, policy.supportsPolicyVariables()));
        }
        StatementEvaluator.Result denyTrue = first(results, Effect.DENY, Tri.TRUE);
        if (denyTrue != null) {
            return new TrustDecision(Verdict.EXPLICIT_DENY, denyTrue.index(), label(denyTrue) + " denies "
                    + ctx.action() + " to " + ctx.principal().describe() + heldSuffix(denyTrue)
                    + "; an explicit Deny wins over any Allow.");
        }
        StatementEvaluator.Result allowTrue = first(results, Effect.ALLOW, Tri.TRUE);
        StatementEvaluator.Result allowUnknown = first(results, Effect.ALLOW, Tri.UNKNOWN);
        StatementEvaluator.Result denyUnknown = first(results, Effect.DENY, Tri.UNKNOWN);
        if (allowTrue != null && denyUnknown != null) {
            return new TrustDecision(Verdict.UNPROVABLE, denyUnknown.index(), pods("Denied for ", denyUnknown)
                    + label(allowTrue) + " allows " + ctx.action() + " for " + ctx.principal().describe() + ", but "
                    + label(denyUnknown) + " may deny it: " + denyUnknown.explanation() + ".");
        }
        if (allowTrue != null) {
            return new TrustDecision(Verdict.ALLOWED, allowTrue.index(), label(allowTrue) + " allows "
                    + ctx.action() + " for " + ctx.principal().describe() + heldSuffix(allowTrue) + ".");
        }
        if (allowUnknown != null) {
            return new TrustDecision(Verdict.UNPROVABLE, allowUnknown.index(), pods("Allowed for ", allowUnknown)
                    + label(allowUnknown) + " may allow " + ctx.action() + " for " + ctx.principal().describe() + ", but "
                    + allowUnknown.explanation() + ".");
        }
        return noMatchingAllow(results, ctx);
    }

    private static TrustDecision noMatchingAllow(List<StatementEvaluator.Result> results, RequestContext ctx) {
        for (StatementEvaluator.Result r : results) {
            if (r.statement().effect() == Effect.ALLOW && r.stage() == StatementEvaluator.Stage.CONDITION) {
                return new TrustDecision(Verdict.NO_MATCHING_ALLOW, r.index(), label(r) + " allows " + ctx.action()
                        + " for " + ctx.principal().describe() + ", but " + r.explanation() + ".");
            }
        }
        for (StatementEvaluator.Result r : results) {
            if (r.statement().effect() == Effect.ALLOW && r.stage() == StatementEvaluator.Stage.ACTION) {
                return new TrustDecision(Verdict.NO_MATCHING_ALLOW, r.index(), label(r) + " trusts "
                        + ctx.principal().describe() + ", but " + r.explanation() + ".");
            }
        }
        StringBuilder reason = new StringBuilder("No statement allows " + ctx.action() + " for "
                + ctx.principal().describe() + ".");
        List<String> trusted = new ArrayList<>();
        for (StatementEvaluator.Result r : results) {
            if (r.statement().effect() == Effect.ALLOW && !r.statement().notPrincipal()) {
                String type = ctx.principal().principalType();
                for (String x : r.statement().principal().values(type)) {
                    String d = type + " " + x;
                    if (!trusted.contains(d)) {
                        trusted.add(d);
                    }
                }
            }
        }
        if (!trusted.isEmpty()) {
            reason.append(" Its Allow statements trust ").append(String.join(", ", trusted)).append(" instead.");
        }
        if (ctx.principal() instanceof RequestPrincipal.Federated f) {
            otherAccountProvider(results, f.providerArn()).ifPresent(reason::append);
        }
        return new TrustDecision(Verdict.NO_MATCHING_ALLOW, null, reason.toString());
    }

    /** A hint when a statement names the same issuer's provider in another account (cross-account IRSA). */
    private static Optional<String> otherAccountProvider(List<StatementEvaluator.Result> results,
                                                                   String providerArn) {
        Arn wanted = Arn.parse(providerArn);
        for (StatementEvaluator.Result r : results) {
            for (String f : r.statement().principal().values("Federated")) {
                Optional<Arn> other = Arn.tryParse(f);
                if (other.isPresent() && other.get().partition() == wanted.partition()
                        && other.get().resource().equals(wanted.resource())
                        && !other.get().account().equals(wanted.account())) {
                    return Optional.of(" " + label(r) + " names this issuer's OIDC provider in account "
                            + other.get().account() + ": that works only for a role in account "
                            + other.get().account() + " (cross-account IRSA), where STS looks the issuer up.");
                }
            }
        }
        return Optional.empty();
    }

    /** "Allowed for pods named exporter-*: " when only the pod's session tags are undecided, else "". */
    private static String pods(String lead, StatementEvaluator.Result r) {
        return PodScope.describe(r.undecided()).map(p -> lead + p + " (the answer differs per pod): ").orElse("");
    }

    private static StatementEvaluator.Result first(List<StatementEvaluator.Result> results, Effect effect, Tri t) {
        for (StatementEvaluator.Result r : results) {
            if (r.statement().effect() == effect && r.applies() == t) {
                return r;
            }
        }
        return null;
    }

    private static String heldSuffix(StatementEvaluator.Result r) {
        return r.held().isEmpty() ? " without conditions" : " and its conditions hold (" + String.join("; ", r.held())
                + ")";
    }

    /** "Statement[1] (AllowPay)": the 0-based index as in errors and JSON output, with the Sid when there is one. */
    static String label(StatementEvaluator.Result r) {
        String sid = r.statement().sid();
        return "Statement[" + r.index() + "]" + (sid == null || sid.isEmpty() ? "" : " (" + sid + ")");
    }
}

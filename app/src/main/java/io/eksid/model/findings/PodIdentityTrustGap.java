package io.eksid.model.findings;

import io.eksid.model.ClusterInfo;
import io.eksid.model.trust.Effect;
import io.eksid.model.trust.Principal;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.StringValues;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the two actions Pod Identity needs (sts:AssumeRole and sts:TagSession, FACTS.md) a trust policy lacks:
 * found by asking the evaluator whether adding an allow for just one of them would be enough.
 */
final class PodIdentityTrustGap {

    private final TrustEvaluator evaluator;

    PodIdentityTrustGap(TrustEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** "sts:TagSession", "sts:AssumeRole" or "sts:AssumeRole and sts:TagSession". */
    String missingActions(TrustPolicy policy, ClusterInfo cluster) {
        boolean tagFixes = evaluator.podIdentity(withAllow(policy, "sts:TagSession"), cluster).allowed();
        boolean assumeFixes = evaluator.podIdentity(withAllow(policy, "sts:AssumeRole"), cluster).allowed();
        if (tagFixes && !assumeFixes) {
            return "sts:TagSession";
        }
        if (assumeFixes && !tagFixes) {
            return "sts:AssumeRole";
        }
        return "sts:AssumeRole and sts:TagSession";
    }

    private static TrustPolicy withAllow(TrustPolicy policy, String action) {
        List<Statement> statements = new ArrayList<>(policy.statements());
        statements.add(new Statement(null, Effect.ALLOW, Principal.of("Service", TrustEvaluator.POD_IDENTITY_SERVICE),
                false, StringValues.of(action), false, null));
        return policy.withStatements(statements);
    }
}

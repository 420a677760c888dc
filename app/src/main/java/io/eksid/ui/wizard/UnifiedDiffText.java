package io.eksid.ui.wizard;

import io.eksid.model.plan.UnifiedDiff;
import io.eksid.model.trust.RewriteResult;

/** The trust rewrite of one role as a unified diff, for the new-association wizard. */
final class UnifiedDiffText {

    private UnifiedDiffText() {
    }

    static String of(RewriteResult r, String roleArn) {
        return UnifiedDiff.diff(r.before().toPrettyJson(), r.after().toPrettyJson(), roleArn + " (now)",
                roleArn + " (with Pod Identity)");
    }
}

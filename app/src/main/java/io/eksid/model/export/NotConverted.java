package io.eksid.model.export;

import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ExternalRequest;
import io.eksid.model.plan.SkippedItem;
import java.util.ArrayList;
import java.util.List;

/**
 * What an export does not do: skipped service accounts, requests for other accounts' owners and the plan's notes,
 * as comments.
 */
final class NotConverted {

    private NotConverted() {
    }

    /** Comment lines (without the comment marker); empty when everything selected is covered. */
    static List<String> lines(ConversionPlan plan) {
        List<String> out = new ArrayList<>();
        if (!plan.skipped().isEmpty()) {
            out.add("Not converted (" + plan.skipped().size() + "):");
            for (SkippedItem s : plan.skipped()) {
                out.add("  " + s.serviceAccount() + " [" + s.reason() + "]: " + oneLine(s.detail()));
            }
        }
        for (ExternalRequest r : plan.externalRequests()) {
            out.add("Ask the owner of account " + r.account() + " (for " + String.join(", ",
                    r.serviceAccounts().stream().map(Object::toString).toList()) + "): " + oneLine(r.reason()));
            for (String line : r.statementJson().split("\n")) {
                out.add("    " + line);
            }
        }
        for (String note : plan.notes()) {
            out.add("Note: " + oneLine(note));
        }
        return out;
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}

package io.eksid.model.plan;

import io.eksid.model.ServiceAccountRef;
import java.util.Objects;

/**
 * A selected service account the plan does not convert, and why.
 *
 * @param roleArn the IRSA role annotation as written, or null when there is none
 * @param detail  what exactly is wrong and what the user can do, with numbers where there are any
 */
public record SkippedItem(ServiceAccountRef serviceAccount, String roleArn, SkipReason reason, String detail) {

    public SkippedItem {
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}

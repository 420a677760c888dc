package io.eksid.model.plan;

import io.eksid.model.ServiceAccountRef;
import java.util.Objects;

/** A selected service account that is already converted: planning again changes nothing for it. */
public record AlreadyDone(ServiceAccountRef serviceAccount, String roleArn, String detail) {

    public AlreadyDone {
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        Objects.requireNonNull(detail, "detail");
    }
}

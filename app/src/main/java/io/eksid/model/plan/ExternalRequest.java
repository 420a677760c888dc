package io.eksid.model.plan;

import io.eksid.model.ServiceAccountRef;
import java.util.List;
import java.util.Objects;

/**
 * A change the console cannot make because no profile can write the account: what to ask its owner for.
 *
 * @param account         the account whose owner must act
 * @param roleArn         the role whose trust policy must change
 * @param statementJson   the statement to add to that role's trust policy, pretty JSON
 * @param serviceAccounts the service accounts waiting for it
 */
public record ExternalRequest(String account, String roleArn, String statementJson, String reason,
                              List<ServiceAccountRef> serviceAccounts) {

    public ExternalRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(statementJson, "statementJson");
        Objects.requireNonNull(reason, "reason");
        serviceAccounts = List.copyOf(serviceAccounts);
    }
}

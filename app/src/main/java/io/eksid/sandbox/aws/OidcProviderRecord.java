package io.eksid.sandbox.aws;

import java.time.Instant;
import java.util.List;

/**
 * An IAM OpenID Connect provider. {@code url} is stored without {@code https://}, as IAM returns it
 * from GetOpenIDConnectProvider and as it appears in the provider ARN.
 */
public record OidcProviderRecord(String arn, String url, List<String> clientIds, List<String> thumbprints,
                                 Instant createDate) {
    public OidcProviderRecord {
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
    }
}

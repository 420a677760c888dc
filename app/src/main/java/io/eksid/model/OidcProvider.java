package io.eksid.model;

import java.util.List;
import java.util.Objects;

/** An IAM OIDC identity provider (GetOpenIDConnectProvider). {@code url} is stored without {@code https://}. */
public record OidcProvider(String arn, String url, List<String> clientIds, List<String> thumbprints) {

    public OidcProvider {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(url, "url");
        url = ClusterInfo.stripIssuer(url);
        clientIds = clientIds == null ? List.of() : List.copyOf(clientIds);
        thumbprints = thumbprints == null ? List.of() : List.copyOf(thumbprints);
    }
}

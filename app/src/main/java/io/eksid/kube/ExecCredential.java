package io.eksid.kube;

import java.time.Instant;

/**
 * What an exec plugin printed: a bearer token or a client certificate, and when it expires (null: unknown).
 * {@link #toString()} never shows the secrets.
 */
public record ExecCredential(String token, String clientCertificateData, String clientKeyData,
                             Instant expirationTimestamp) {

    public boolean hasToken() {
        return token != null && !token.isEmpty();
    }

    public boolean hasClientCertificate() {
        return clientCertificateData != null && !clientCertificateData.isEmpty() && clientKeyData != null
                && !clientKeyData.isEmpty();
    }

    @Override
    public String toString() {
        return "ExecCredential[" + (hasToken() ? "token" : hasClientCertificate() ? "client certificate" : "empty")
                + ", expires " + expirationTimestamp + "]";
    }
}

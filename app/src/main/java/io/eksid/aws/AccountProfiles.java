package io.eksid.aws;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a profile whose credentials belong to a given account, to read roles that live in other accounts
 * (cross-account IRSA roles, Pod Identity target roles). A profile's account is taken from its own settings when
 * it names one ({@code role_arn}, {@code sso_account_id}) and otherwise from STS GetCallerIdentity; answers are
 * cached. Profiles waiting for an SSO sign-in are skipped rather than prompting.
 */
public final class AccountProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(AccountProfiles.class);

    private final AwsConnections connections;
    private final SsoSessions ssoSessions;
    private final String region;
    /** profile name to account, or "" when the profile's account could not be found out. */
    private final Map<String, String> accountOfProfile = new ConcurrentHashMap<>();

    /**
     * @param region the region to build STS and IAM clients in (IAM is global; STS is regional)
     */
    public AccountProfiles(AwsConnections connections, SsoSessions ssoSessions, String region) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.ssoSessions = Objects.requireNonNull(ssoSessions, "ssoSessions");
        this.region = region;
    }

    /** The name of a profile that reads {@code account}, if one exists. */
    public synchronized Optional<String> profileFor(String account) {
        Objects.requireNonNull(account, "account");
        for (Map.Entry<String, String> e : accountOfProfile.entrySet()) {
            if (account.equals(e.getValue())) {
                return Optional.of(e.getKey());
            }
        }
        for (AwsProfile p : connections.listing().profiles()) {
            if (accountOfProfile.containsKey(p.name())) {
                continue;
            }
            String found = accountOf(p);
            accountOfProfile.put(p.name(), found);
            if (account.equals(found)) {
                return Optional.of(p.name());
            }
        }
        return Optional.empty();
    }

    /** The clients of a profile that reads {@code account}, if one exists. */
    public Optional<AwsClients> clientsFor(String account) {
        return profileFor(account).map(name -> connections.clients(name, region));
    }

    /** Forget what was learned (after the profile files changed or a sign-in). */
    public synchronized void forget() {
        accountOfProfile.clear();
    }

    private String accountOf(AwsProfile p) {
        Optional<String> declared = p.declaredAccount();
        if (declared.isPresent()) {
            return declared.get();
        }
        if (ssoSessions.status(p).map(SsoSessions.Status::needsSignIn).orElse(false)) {
            return "";
        }
        try {
            return connections.clients(p.name(), region).sts().getCallerIdentity().account();
        } catch (RuntimeException e) {
            LOG.debug("profile {} gave no caller identity: {}", p.name(), e.toString());
            return "";
        }
    }
}

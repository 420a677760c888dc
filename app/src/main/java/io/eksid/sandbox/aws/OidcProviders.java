package io.eksid.sandbox.aws;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IAM OpenID Connect providers of every account: up to 100 per account (FACTS.md, IAM). */
final class OidcProviders {

    private static final Pattern OIDC_ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):oidc-provider/(.+)");

    private final Object lock;
    private final Clock clock;
    private final Map<String, TreeMap<String, OidcProviderRecord>> byAccount = new HashMap<>();

    OidcProviders(Object lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
    }

    OidcProviderRecord addOidcProvider(Account account, String url, List<String> clientIds, List<String> thumbprints) {
        if (url == null || !url.startsWith("https://") || url.length() > 255 + "https://".length()) {
            throw AwsError.invalidInput("Invalid OpenID Connect provider URL: " + url + " (it must start with https://)");
        }
        String host = url.substring("https://".length()).replaceAll("/+$", "");
        synchronized (lock) {
            TreeMap<String, OidcProviderRecord> providers = providers(account.accountId());
            String arn = "arn:" + account.partition() + ":iam::" + account.accountId() + ":oidc-provider/" + host;
            if (providers.containsKey(arn)) {
                throw AwsError.alreadyExists("Provider with url " + url + " already exists.");
            }
            if (providers.size() >= 100) {
                throw AwsError.limitExceeded("Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100");
            }
            OidcProviderRecord provider = new OidcProviderRecord(arn, host, clientIds, thumbprints, clock.instant());
            providers.put(arn, provider);
            return provider;
        }
    }

    List<OidcProviderRecord> listOidcProviders(String accountId) {
        synchronized (lock) {
            return List.copyOf(providers(accountId).values());
        }
    }

    OidcProviderRecord getOidcProvider(String accountId, String arn) {
        IamConstraints.requireArn(arn, "openIDConnectProviderArn");
        Matcher m = OIDC_ARN.matcher(arn);
        if (!m.matches()) {
            throw AwsError.invalidInput("ARN " + arn + " is not valid.");
        }
        synchronized (lock) {
            OidcProviderRecord p = providers(accountId).get(arn);
            if (p == null) {
                throw AwsError.noSuchEntity("OpenIDConnect Provider not found for arn " + arn);
            }
            return p;
        }
    }

    private TreeMap<String, OidcProviderRecord> providers(String accountId) {
        return byAccount.computeIfAbsent(accountId, k -> new TreeMap<>());
    }
}

package io.eksid.aws;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains an AWS endpoint that could not be reached in one line: which endpoint, why, and which of the standard
 * settings chose it ({@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL}, the profile's {@code endpoint_url},
 * or none: the SDK's default for the region). The SDK's own text ("Received an UnknownHostException when
 * attempting to interact with a service. See cause ...") names neither.
 */
final class EndpointOrigin {

    /** The services the console calls, by the suffix the SDK reads ({@code AWS_ENDPOINT_URL_EKS}, ...). */
    private static final List<String> SERVICES = List.of("EKS", "IAM", "STS", "SSO", "SSO_OIDC");
    private static final Pattern CONNECT_TO = Pattern.compile("Connect to ([^\\s\\[]+)");
    private static final Pattern URL_HOST = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]+)");

    private final AwsEnvironment environment;

    EndpointOrigin(AwsEnvironment environment) {
        this.environment = environment;
    }

    /** The one-line explanation, or empty when {@code error} is not a failure to reach an endpoint. */
    Optional<String> unreachable(Throwable error, AwsProfile profile) {
        String why = null;
        String host = null;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (host == null) {
                Matcher c = CONNECT_TO.matcher(m);
                if (c.find()) {
                    host = c.group(1);
                }
            }
            if (t instanceof UnknownHostException) {
                why = "the host name does not resolve";
                host = host != null ? host : m.split("[:\\s]")[0];
            } else if (why == null && (t instanceof ConnectException || t instanceof NoRouteToHostException)) {
                why = m.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : "no route to it";
            } else if (why == null && t instanceof SocketTimeoutException) {
                why = "it did not answer in time";
            }
        }
        if (why == null) {
            return Optional.empty();
        }
        if (host != null) {
            Matcher u = URL_HOST.matcher(host);
            host = u.find() ? u.group(1) : host; // "Connect to http://h:p" names a URL
        }
        String origin = origin(host, profile);
        String endpoint = host == null || host.isBlank() ? "endpoint" : "endpoint " + host;
        return Optional.of("Cannot reach the AWS " + endpoint + " (" + origin + "): " + why + ". Check that setting "
                + "and the network.");
    }

    /** Which setting chose the endpoint: the first, in the SDK's order, whose URL names {@code host}. */
    String origin(String host, AwsProfile profile) {
        for (String service : SERVICES) {
            String variable = "AWS_ENDPOINT_URL_" + service;
            Optional<String> url = environment.setting(null, variable);
            if (url.isPresent() && names(url.get(), host)) {
                return "from " + variable + "=" + url.get();
            }
        }
        Optional<String> global = environment.setting("aws.endpointUrl", "AWS_ENDPOINT_URL");
        if (global.isPresent() && (host == null || names(global.get(), host))) {
            return "from AWS_ENDPOINT_URL=" + global.get();
        }
        if (profile != null && profile.hasEndpointUrl()) {
            return "from endpoint_url of profile '" + profile.name() + "' in " + environment.configFile();
        }
        String region = profile == null ? null : profile.regionIfSet().orElse(null);
        return "the SDK's default endpoint" + (region == null ? "" : " for region " + region)
                + ": no endpoint_url or AWS_ENDPOINT_URL is set";
    }

    private static boolean names(String url, String host) {
        if (host == null) {
            return true;
        }
        Matcher m = URL_HOST.matcher(url.strip());
        String authority = m.find() ? m.group(1) : url.strip();
        return authority.equalsIgnoreCase(host) || host.toLowerCase(Locale.ROOT)
                .startsWith(authority.toLowerCase(Locale.ROOT));
    }
}

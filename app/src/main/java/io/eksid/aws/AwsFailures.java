package io.eksid.aws;

import io.eksid.model.store.SourceState;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns SDK exceptions into source states: throttling is DEGRADED (we back off), AccessDenied is FORBIDDEN,
 * credential and connectivity problems are ERROR. IAM Identity Center failures are explained from the token
 * cache ("The SSO session 'corp' expired at 14:02; sign in again with ...").
 */
public final class AwsFailures {

    private static final Set<String> ACCESS_DENIED = Set.of("accessdenied", "accessdeniedexception",
            "unauthorizedoperation", "unauthorizedexception", "forbidden");
    private static final Set<String> BAD_CREDENTIALS = Set.of("expiredtoken", "expiredtokenexception",
            "invalidclienttokenid", "unrecognizedclientexception", "signaturedoesnotmatch",
            "invalidsignatureexception", "missingauthenticationtoken", "missingauthenticationtokenexception",
            "incompletesignature");

    private final SsoSessions ssoSessions;
    private final EndpointOrigin endpoints;

    public AwsFailures(SsoSessions ssoSessions) {
        this(ssoSessions, AwsEnvironment.of(java.util.Map.of(), java.nio.file.Path.of("")));
    }

    /** @param environment where the endpoint settings are read, to name the one behind an unreachable endpoint */
    public AwsFailures(SsoSessions ssoSessions, AwsEnvironment environment) {
        this.ssoSessions = Objects.requireNonNull(ssoSessions, "ssoSessions");
        this.endpoints = new EndpointOrigin(Objects.requireNonNull(environment, "environment"));
    }

    public AwsFailure classify(Throwable error, AwsProfile profile) {
        Throwable e = unwrap(error);
        if (e instanceof AwsServiceException s) {
            return classifyService(s, profile);
        }
        Optional<AwsFailure> sso = ssoProblem(profile);
        if (sso.isPresent() && mentionsCredentials(e)) {
            return sso.get();
        }
        Optional<String> unreachable = endpoints.unreachable(e, profile);
        if (unreachable.isPresent()) {
            return new AwsFailure(SourceState.ERROR, unreachable.get(), false);
        }
        if (e instanceof SdkClientException && mentionsCredentials(e)) {
            return new AwsFailure(SourceState.ERROR, "The AWS profile '" + profile.name()
                    + "' (" + profile.kind().description() + ") gave no credentials: " + message(e), false);
        }
        return new AwsFailure(SourceState.ERROR, message(e), false);
    }

    private AwsFailure classifyService(AwsServiceException s, AwsProfile profile) {
        String code = Optional.ofNullable(s.awsErrorDetails()).map(d -> d.errorCode()).orElse("");
        String msg = Optional.ofNullable(s.awsErrorDetails()).map(d -> d.errorMessage()).orElse(s.getMessage());
        String label = code.isEmpty() ? "HTTP " + s.statusCode() : code;
        if (isThrottling(s)) {
            return new AwsFailure(SourceState.DEGRADED, "Throttled by AWS (" + label + "); retrying with backoff.",
                    true);
        }
        String lower = code.toLowerCase(Locale.ROOT);
        if (ACCESS_DENIED.contains(lower) || s.statusCode() == 403 && !BAD_CREDENTIALS.contains(lower)) {
            return new AwsFailure(SourceState.FORBIDDEN, label + ": " + msg, false);
        }
        if (BAD_CREDENTIALS.contains(lower)) {
            Optional<AwsFailure> sso = ssoProblem(profile);
            return sso.orElseGet(() -> new AwsFailure(SourceState.ERROR, "The credentials of AWS profile '"
                    + profile.name() + "' were rejected (" + label + "): " + msg, false));
        }
        if (s.statusCode() >= 500) {
            return new AwsFailure(SourceState.DEGRADED, "AWS answered " + label + ": " + msg
                    + "; retrying with backoff.", false);
        }
        return new AwsFailure(SourceState.ERROR, label + ": " + msg, false);
    }

    /** Throttling as every service spells it: EKS ThrottlingException, IAM Throttling, HTTP 429 (FACTS.md). */
    public static boolean isThrottling(Throwable error) {
        Throwable e = unwrap(error);
        if (!(e instanceof AwsServiceException s)) {
            return false;
        }
        if (s.isThrottlingException()) {
            return true;
        }
        String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
        return "Throttling".equals(code) || "ThrottlingException".equals(code)
                || "TooManyRequestsException".equals(code) || "RequestLimitExceeded".equals(code);
    }

    public static boolean isAccessDenied(Throwable error) {
        Throwable e = unwrap(error);
        return e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && ACCESS_DENIED.contains(String.valueOf(s.awsErrorDetails().errorCode()).toLowerCase(Locale.ROOT));
    }

    /** The error code of a service exception, or empty. */
    public static String errorCode(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && s.awsErrorDetails().errorCode() != null) {
            return s.awsErrorDetails().errorCode();
        }
        return "";
    }

    private Optional<AwsFailure> ssoProblem(AwsProfile profile) {
        return ssoSessions.status(profile).filter(SsoSessions.Status::needsSignIn)
                .map(st -> new AwsFailure(SourceState.ERROR, st.explanation(), false));
    }

    private static boolean mentionsCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("credential") || m.contains("token") || m.contains("sso")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException
                || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}

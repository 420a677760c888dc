package io.eksid.aws;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells whether an IAM Identity Center profile is signed in, from the same token cache the AWS CLI v2 uses, and
 * says in plain words what to do when it is not.
 */
public final class SsoSessions {

    /** The sign-in state of one SSO profile. */
    public enum State {
        /** A valid access token is cached. */
        SIGNED_IN,
        /** The access token expired but the SDK can refresh it without the browser. */
        REFRESHABLE,
        /** The access token expired and cannot be refreshed: the admin must sign in again. */
        EXPIRED,
        /** No token is cached (never signed in, or signed out). */
        SIGNED_OUT,
        /** The cache file exists but is unreadable or malformed. */
        UNREADABLE
    }

    /** The state with an explanation an admin can act on (empty for {@link State#SIGNED_IN}). */
    public record Status(State state, String explanation, Instant expiresAt) {
        public boolean needsSignIn() {
            return state == State.EXPIRED || state == State.SIGNED_OUT || state == State.UNREADABLE;
        }
    }

    private final SsoTokenCache cache;
    private final Clock clock;

    public SsoSessions(SsoTokenCache cache, Clock clock) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SsoTokenCache cache() {
        return cache;
    }

    /** The sign-in state of an SSO profile; empty for profiles that do not use IAM Identity Center. */
    public Optional<Status> status(AwsProfile profile) {
        if (!profile.usesSso()) {
            return Optional.empty();
        }
        String key = profile.ssoCacheKey().orElse(null);
        if (key == null) {
            return Optional.of(new Status(State.SIGNED_OUT, "The AWS profile '" + profile.name()
                    + "' uses IAM Identity Center but names no start URL; check its sso-session section.", null));
        }
        Optional<SsoToken> token;
        try {
            token = cache.read(key);
        } catch (AwsSetupException e) {
            return Optional.of(new Status(State.UNREADABLE, e.getMessage() + " To replace it, s"
                    + signInAdvice(profile).substring(1), null));
        }
        Instant now = clock.instant();
        if (token.isEmpty()) {
            return Optional.of(new Status(State.SIGNED_OUT, "You are not signed in to " + what(profile)
                    + "; sign in with `" + signInCommand(profile) + "` or the console's Sign in button.", null));
        }
        SsoToken t = token.get();
        if (!t.expired(now)) {
            return Optional.of(new Status(State.SIGNED_IN, "", t.expiresAt()));
        }
        if (profile.kind() == ProfileKind.SSO_SESSION && t.refreshable(now)) {
            return Optional.of(new Status(State.REFRESHABLE, "", t.expiresAt()));
        }
        String what = what(profile);
        return Optional.of(new Status(State.EXPIRED, Character.toUpperCase(what.charAt(0)) + what.substring(1)
                + " expired at " + when(t.expiresAt()) + "; " + signInAdvice(profile), t.expiresAt()));
    }

    private static String what(AwsProfile profile) {
        return profile.kind() == ProfileKind.SSO_SESSION
                ? "the SSO session '" + profile.ssoSession() + "'"
                : "the SSO sign-in of profile '" + profile.name() + "'";
    }

    /** The exact command for the AWS CLI, and the console's own button. */
    public static String signInAdvice(AwsProfile profile) {
        return "sign in again with `" + signInCommand(profile) + "` or the console's Sign in button.";
    }

    /** The AWS CLI command that signs this profile in. */
    public static String signInCommand(AwsProfile profile) {
        return profile.kind() == ProfileKind.SSO_SESSION
                ? "aws sso login --sso-session " + profile.ssoSession()
                : "aws sso login --profile " + profile.name();
    }

    /** {@code 14:02} today, {@code 2026-11-26 14:02} on another day, in the user's time zone. */
    private String when(Instant t) {
        ZonedDateTime at = t.atZone(clock.getZone());
        boolean today = at.toLocalDate().equals(LocalDate.now(clock));
        return at.format(DateTimeFormatter.ofPattern(today ? "HH:mm" : "yyyy-MM-dd HH:mm"));
    }
}

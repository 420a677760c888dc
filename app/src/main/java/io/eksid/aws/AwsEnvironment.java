package io.eksid.aws;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The process settings the AWS tools read: environment variables, JVM system properties and the home folder.
 * Injected rather than read statically so tests can describe any environment without touching the real one.
 * Lookup order follows the SDK: system property first, then the environment variable.
 */
public record AwsEnvironment(Function<String, String> environment, Function<String, String> systemProperties,
                             Path home) {

    public AwsEnvironment {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(home, "home");
    }

    /** The real process environment; the home folder is found as the SDK finds it (HOME, USERPROFILE, Java's). */
    public static AwsEnvironment system() {
        String home = System.getenv("HOME");
        if (home == null || home.isBlank()) {
            home = System.getenv("USERPROFILE");
        }
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return new AwsEnvironment(System::getenv, System::getProperty, Path.of(home));
    }

    /** A fixed environment (tests, or a sandbox with its own files). */
    public static AwsEnvironment of(Map<String, String> env, Path home) {
        Map<String, String> copy = Map.copyOf(env);
        return new AwsEnvironment(copy::get, k -> null, home);
    }

    /** Looks up a setting the way the SDK does: {@code property} system property, then {@code variable}. */
    public Optional<String> setting(String property, String variable) {
        String v = property == null ? null : systemProperties.apply(property);
        if (v == null || v.isBlank()) {
            v = variable == null ? null : environment.apply(variable);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** {@code ~/.aws/config}, or {@code AWS_CONFIG_FILE}. */
    public Path configFile() {
        return setting("aws.configFile", "AWS_CONFIG_FILE").map(this::expand)
                .orElse(home.resolve(".aws").resolve("config"));
    }

    /** {@code ~/.aws/credentials}, or {@code AWS_SHARED_CREDENTIALS_FILE}. */
    public Path credentialsFile() {
        return setting("aws.sharedCredentialsFile", "AWS_SHARED_CREDENTIALS_FILE").map(this::expand)
                .orElse(home.resolve(".aws").resolve("credentials"));
    }

    /** Where the AWS CLI v2 and the SDKs cache IAM Identity Center tokens. */
    public Path ssoCacheDirectory() {
        return home.resolve(".aws").resolve("sso").resolve("cache");
    }

    /** The profile {@code AWS_PROFILE} names, else {@code default}. */
    public String defaultProfileName() {
        return setting("aws.profile", "AWS_PROFILE").orElse("default");
    }

    /** A region set for the whole process ({@code AWS_REGION}), which wins over the profile's. */
    public Optional<String> regionOverride() {
        return setting("aws.region", "AWS_REGION");
    }

    private Path expand(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/") || path.startsWith("~\\")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }
}

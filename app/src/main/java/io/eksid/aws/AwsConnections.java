package io.eksid.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients of every (profile, region) the console talks to, built once and shared by matchers and pollers.
 * {@link #reload()} re-reads the profile files (after the admin edits them or signs in) and drops old clients.
 */
public final class AwsConnections implements AutoCloseable {

    private final AwsProfiles profiles;
    private final Map<String, AwsClients> clients = new ConcurrentHashMap<>();
    private volatile AwsProfiles.Listing listing;

    public AwsConnections(AwsProfiles profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.listing = profiles.load();
    }

    public AwsProfiles.Listing listing() {
        return listing;
    }

    public AwsEnvironment environment() {
        return profiles.environment();
    }

    /** Re-reads the profile files; clients built from the old ones are closed. */
    public synchronized void reload() {
        listing = profiles.load();
        List<AwsClients> old = new ArrayList<>(clients.values());
        clients.clear();
        old.forEach(AwsClients::close);
    }

    /**
     * The clients of {@code profileName} in {@code region} (null: {@code AWS_REGION}, else the profile's).
     *
     * @throws AwsSetupException when the profile is unknown or has no region
     */
    public AwsClients clients(String profileName, String region) {
        String key = profileName + "\u0000" + (region == null ? "" : region);
        AwsClients existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            return clients.computeIfAbsent(key,
                    k -> AwsClients.forProfile(listing, profiles.environment(), profileName, region));
        }
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(AwsClients::close);
        clients.clear();
    }
}

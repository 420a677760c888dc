package io.eksid.sandbox.aws;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary credentials handed out by AssumeRole. A session key ({@code ASIA…}) calls into the
 * account of the role it assumed, as that role, until it expires.
 */
final class StsSessions {

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    record Session(String accessKeyId, String secretAccessKey, String sessionToken, Account account, String roleArn,
                   String roleName, String roleId, String sessionName, Instant expiration, Map<String, String> tags) {

        Session {
            tags = Map.copyOf(tags);
        }

        String assumedRoleArn() {
            return "arn:" + account.partition() + ":sts::" + account.accountId() + ":assumed-role/" + roleName + "/" + sessionName;
        }
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byAccessKey = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> uses = new ConcurrentHashMap<>();

    StsSessions(Clock clock) {
        this.clock = clock;
    }

    Session start(Account account, IamRoleRecord role, String sessionName, Duration duration) {
        return start(account, role, sessionName, duration, Map.of());
    }

    /** A session carrying session tags (Pod Identity's six), kept with it for tests to read. */
    Session start(Account account, IamRoleRecord role, String sessionName, Duration duration, Map<String, String> tags) {
        byAccessKey.values().removeIf(s -> expired(s));
        Session s = new Session("ASIA" + randomUpper(16), randomBase64(30).substring(0, 40), randomBase64(180), account,
                role.arn(), role.name(), role.roleId(), sessionName, clock.instant().plus(duration), tags);
        byAccessKey.put(s.accessKeyId(), s);
        return s;
    }

    /** Counts a signed request made with a session's key (what a test asks to prove the key was used). */
    void recordUse(String accessKeyId) {
        uses.computeIfAbsent(accessKeyId, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
    }

    long uses(String accessKeyId) {
        java.util.concurrent.atomic.AtomicLong n = uses.get(accessKeyId);
        return n == null ? 0 : n.get();
    }

    Optional<Session> find(String accessKeyId) {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    boolean expired(Session s) {
        return !clock.instant().isBefore(s.expiration());
    }

    private String randomUpper(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(UPPER.charAt(random.nextInt(UPPER.length())));
        }
        return sb.toString();
    }

    private String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}

package io.eksid.cli;

import io.eksid.engine.fleet.ClusterScan;
import io.eksid.model.findings.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * One scanned cluster as the outputs need it: the engine's summary (for SARIF, the gate and the metrics) and the
 * report map {@code eksid scan --output json} prints for it.
 */
record ScanOutcome(ClusterScan scan, Map<String, Object> report) {

    /** What identifies a finding's cluster across runs: its ARN when matched, else the context name. */
    String clusterKey() {
        return scan.cluster() != null ? scan.cluster().arn() : scan.context();
    }

    String fingerprint(Finding f) {
        return fingerprint(clusterKey(), f.code(), f.subject());
    }

    /**
     * A finding's identity across runs: its cluster, code and subject, never its message (counts and reasons
     * in it change while the problem stays the same one).
     */
    static String fingerprint(String clusterKey, String code, String subject) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((clusterKey + "\n" + code + "\n" + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

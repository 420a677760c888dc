package io.eksid.cli;

import io.eksid.engine.fleet.ClusterScan;
import io.eksid.engine.fleet.ClusterScanStatus;
import io.eksid.model.findings.Finding;
import io.eksid.model.graph.AgentStatus;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scan's state as Prometheus metrics, served in the text format by the Prometheus Java client's HTTP server
 * on {@code --metrics-address HOST:PORT}. Every gauge is labelled with the context, the EKS cluster and its
 * account; a cluster's label sets are replaced as a whole on each update, so resolved findings disappear.
 */
final class ScanMetrics implements AutoCloseable {

    private static final String[] CLUSTER = {"context", "cluster", "account"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, ClusterScan> latest = new HashMap<>();
    private final LabelledGauge findings = gauge("eksid_findings", "Findings by severity and code", "severity",
            "code");
    private final LabelledGauge irsa = gauge("eksid_irsa_mappings", "Service accounts with an IRSA role annotation");
    private final LabelledGauge associations = gauge("eksid_pod_identity_associations",
            "EKS Pod Identity associations of the cluster");
    private final LabelledGauge convertible = gauge("eksid_convertible_irsa_mappings",
            "IRSA mappings a conversion to Pod Identity can take on");
    private final LabelledGauge stale = gauge("eksid_stale_pods",
            "Pods running on credentials a new pod would not get");
    private final LabelledGauge agent = gauge("eksid_pod_identity_agent",
            "Pod Identity agent state: 1 for the current state, 0 for the others", "state");
    private final LabelledGauge sourceUp = gauge("eksid_source_up",
            "1 when the data source is live or degraded, 0 when forbidden, failing or not connected", "source");
    private final LabelledGauge clusterUp = gauge("eksid_cluster_scan_up",
            "1 when the cluster's scan is ok or degraded, 0 when it failed");
    private final LabelledGauge duration = new LabelledGauge(Gauge.builder().name("eksid_scan_duration_seconds")
            .help("Time from connecting to the cluster to its complete picture").unit(Unit.SECONDS)
            .labelNames(CLUSTER).register(registry));
    private HTTPServer server;

    /** A gauge and the label sets it currently has, so label sets that are gone can be removed. */
    private static final class LabelledGauge {
        private final Gauge gauge;
        private final Map<String, Set<List<String>>> byContext = new HashMap<>();

        LabelledGauge(Gauge gauge) {
            this.gauge = gauge;
        }

        void replace(String context, Map<List<String>, Double> values) {
            Set<List<String>> before = byContext.getOrDefault(context, Set.of());
            for (List<String> labels : before) {
                if (!values.containsKey(labels)) {
                    gauge.remove(labels.toArray(String[]::new));
                }
            }
            values.forEach((labels, v) -> gauge.labelValues(labels.toArray(String[]::new)).set(v));
            byContext.put(context, new HashSet<>(values.keySet()));
        }
    }

    private LabelledGauge gauge(String name, String help, String... extra) {
        String[] labels = new String[CLUSTER.length + extra.length];
        System.arraycopy(CLUSTER, 0, labels, 0, CLUSTER.length);
        System.arraycopy(extra, 0, labels, CLUSTER.length, extra.length);
        return new LabelledGauge(Gauge.builder().name(name).help(help).labelNames(labels).register(registry));
    }

    /** Starts serving {@code /metrics}; port 0 picks a free one (see {@link #port()}). */
    void serve(String host, int port) throws IOException {
        server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    }

    int port() {
        return server.getPort();
    }

    PrometheusRegistry registry() {
        return registry;
    }

    /** Replaces everything known about each scanned cluster. */
    synchronized void update(List<ClusterScan> scans) {
        for (ClusterScan scan : scans) {
            update(scan);
        }
    }

    synchronized void update(ClusterScan scan) {
        latest.put(scan.context(), scan);
        String context = scan.context();
        List<String> id = List.of(context, scan.cluster() == null ? "" : scan.cluster().name(),
                scan.account() == null ? "" : scan.account());
        Map<List<String>, Double> byCode = new HashMap<>();
        for (Finding f : scan.findings()) {
            byCode.merge(with(id, f.severity().name(), f.code()), 1.0, Double::sum);
        }
        findings.replace(context, byCode);
        boolean counted = scan.counts() != null;
        irsa.replace(context, counted ? Map.of(id, (double) scan.counts().irsaMappings()) : Map.of());
        associations.replace(context, counted ? Map.of(id, (double) scan.counts().associations()) : Map.of());
        convertible.replace(context, counted ? Map.of(id, (double) scan.convertible()) : Map.of());
        stale.replace(context, counted ? Map.of(id, (double) scan.stalePods()) : Map.of());
        Map<List<String>, Double> states = new HashMap<>();
        if (scan.agent() != null) {
            for (AgentStatus.State s : AgentStatus.State.values()) {
                states.put(with(id, s.name()), scan.agent().state() == s ? 1.0 : 0.0);
            }
        }
        agent.replace(context, states);
        Map<List<String>, Double> sources = new HashMap<>();
        for (SourceStatus s : scan.sources()) {
            boolean up = s.state() == SourceState.LIVE || s.state() == SourceState.DEGRADED;
            sources.put(with(id, s.source()), up ? 1.0 : 0.0);
        }
        sourceUp.replace(context, sources);
        clusterUp.replace(context, Map.of(id, scan.status() == ClusterScanStatus.FAILED ? 0.0 : 1.0));
        duration.replace(context, Map.of(id, scan.elapsed().toNanos() / 1e9));
    }

    private static List<String> with(List<String> id, String... more) {
        List<String> l = new ArrayList<>(id);
        l.addAll(List.of(more));
        return l;
    }

    /** Parses {@code HOST:PORT} ({@code [::1]:9464} for IPv6); a bad value names what is wrong. */
    static String[] parseAddress(String address) {
        String a = address == null ? "" : address.strip();
        int colon = a.lastIndexOf(':');
        if (colon <= 0 || colon == a.length() - 1) {
            throw new IllegalArgumentException("--metrics-address must be HOST:PORT (e.g. 127.0.0.1:9464), got '"
                    + address + "'");
        }
        String host = a.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(a.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics-address: the port must be a number, got '"
                    + a.substring(colon + 1) + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--metrics-address: the port must be between 0 and 65535, got "
                    + port);
        }
        return new String[] {host, String.valueOf(port)};
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}

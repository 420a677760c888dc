package io.eksid.ui.fleet;

import io.eksid.engine.fleet.ClusterScan;
import io.eksid.engine.fleet.FleetProgress;
import io.eksid.engine.fleet.FleetTarget;
import io.eksid.engine.live.ContextInfo;
import io.eksid.engine.live.IdentityState;
import io.eksid.ui.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Fleet view's state: one row per context of every kubeconfig file, filled in as a background fleet scan
 * (bounded concurrency, each failure kept to its row) finishes each context. Progress from the scan's worker
 * threads reaches the rows through a coalescing sink (latest wins), never one UI update per event.
 */
public final class FleetViewModel {

    /** Runs a fleet scan; blocking, called off the UI thread. */
    public interface Scanner {
        List<ClusterScan> scan(List<FleetTarget> targets, FleetProgress progress) throws InterruptedException;
    }

    /** Every row at one moment of a scan. */
    record Progress(long generation, List<FleetRow> rows, int done, int total) {
    }

    private final TaskRunner tasks;
    private final Callable<List<ContextInfo>> contexts;
    private final Function<String, String> profileForContext;
    private final Scanner scanner;
    private final Clock clock;
    private final Consumer<Progress> progressSink;
    private final ObservableList<FleetRow> rows = FXCollections.observableArrayList();
    private final FilteredList<FleetRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty summary = new SimpleStringProperty("Not scanned yet");
    private long generation;

    /**
     * @param contexts          reads every context of every kubeconfig source (called off the UI thread)
     * @param profileForContext the AWS profile the user set for a context, or null
     * @param throttle          turns a UI-thread consumer into a thread-safe, coalescing one
     */
    public FleetViewModel(TaskRunner tasks, Callable<List<ContextInfo>> contexts,
                          Function<String, String> profileForContext, Scanner scanner, Clock clock,
                          Function<Consumer<Progress>, Consumer<Progress>> throttle) {
        this.tasks = Objects.requireNonNull(tasks);
        this.contexts = Objects.requireNonNull(contexts);
        this.profileForContext = Objects.requireNonNull(profileForContext);
        this.scanner = Objects.requireNonNull(scanner);
        this.clock = Objects.requireNonNull(clock);
        this.progressSink = throttle.apply(this::show);
        filter.addListener((o, a, text) -> {
            String needle = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
            visible.setPredicate(r -> needle.isEmpty()
                    || r.searchText().toLowerCase(java.util.Locale.ROOT).contains(needle));
        });
    }

    /** Scans every context again; ignored while a scan runs. */
    public void refresh() {
        if (running.get()) {
            return;
        }
        running.set(true);
        progress.set(0);
        summary.set("Reading the kubeconfig contexts\u2026");
        long gen = ++generation;
        Map<String, FleetRow> previous = new LinkedHashMap<>();
        rows.forEach(r -> previous.put(r.context(), r));
        Instant start = clock.instant();
        tasks.run(() -> scanAll(gen, previous), results -> finished(gen, results, start), e -> {
            running.set(false);
            summary.set("The fleet scan failed: " + e.getMessage());
        });
    }

    private List<ClusterScan> scanAll(long gen, Map<String, FleetRow> previous) throws Exception {
        List<String> names = contexts.call().stream().map(ContextInfo::name).distinct().toList();
        Map<String, FleetRow> current = new LinkedHashMap<>();
        List<FleetTarget> targets = new ArrayList<>();
        for (String name : names) {
            FleetRow before = previous.get(name);
            current.put(name, before == null ? FleetRow.waiting(name, FleetRow.State.QUEUED)
                    : before.inState(FleetRow.State.QUEUED));
            targets.add(new FleetTarget(name, profileForContext.apply(name), null));
        }
        progressSink.accept(new Progress(gen, List.copyOf(current.values()), 0, names.size()));
        return scanner.scan(targets, new FleetProgress() {
            @Override
            public void started(String context) {
                offer(context, r -> r.inState(FleetRow.State.SCANNING), -1);
            }

            @Override
            public void finished(ClusterScan scan, IdentityState last, int done, int total) {
                offer(scan.context(), r -> FleetRow.of(scan), done);
            }

            private void offer(String context, java.util.function.UnaryOperator<FleetRow> change, int done) {
                synchronized (current) {
                    current.computeIfPresent(context, (k, r) -> change.apply(r));
                    int finished = done >= 0 ? done
                            : (int) current.values().stream().filter(r -> r.state().finished()).count();
                    progressSink.accept(new Progress(gen, List.copyOf(current.values()), finished, names.size()));
                }
            }
        });
    }

    private void show(Progress p) {
        if (p.generation() != generation || !running.get()) {
            return; // a late update of a scan that already ended
        }
        rows.setAll(p.rows());
        progress.set(p.total() == 0 ? 1 : (double) p.done() / p.total());
        summary.set("Scanning " + p.total() + " contexts: " + p.done() + " done");
    }

    private void finished(long gen, List<ClusterScan> results, Instant start) {
        if (gen != generation) {
            return;
        }
        rows.setAll(results.stream().map(FleetRow::of).toList());
        progress.set(1);
        long ok = rows.stream().filter(r -> r.state() == FleetRow.State.OK).count();
        long degraded = rows.stream().filter(r -> r.state() == FleetRow.State.DEGRADED).count();
        long failed = rows.stream().filter(r -> r.state() == FleetRow.State.FAILED).count();
        Duration took = Duration.between(start, clock.instant());
        summary.set(rows.isEmpty() ? "No kubeconfig contexts found"
                : rows.size() + " contexts scanned in " + Math.max(1, took.toSeconds()) + " s: " + ok + " ok, "
                        + degraded + " degraded, " + failed + " failed");
        // Last: whoever waits for the scan to end finds its rows and summary already in place.
        running.set(false);
    }

    /** Every row, in the contexts' order. */
    public ObservableList<FleetRow> rows() {
        return rows;
    }

    /** The rows the filter lets through (the table sorts them). */
    public FilteredList<FleetRow> visibleRows() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** 0 to 1: the share of contexts whose scan has ended. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }
}

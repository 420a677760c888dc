package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.PodInfo;
import io.eksid.model.access.AccessDecision;
import io.eksid.model.access.AccessRequest;
import io.eksid.model.access.PermissionEvaluator;
import io.eksid.model.access.WhoCan;
import io.eksid.model.graph.NodeIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Who can…?" query: action + resource, answered off the FX thread for the current cluster state. The answer
 * is a list (each service account, then its pods when they differ) and the graph node ids to highlight: service
 * accounts, pods and the workloads, roles and associations on an allowed path.
 */
public final class WhoCanViewModel {

    /** One line of the answer list; {@code pod} lines are indented under their service account. */
    public record Row(String decision, String subject, boolean pod, String mechanism, String reason, String nodeId) {
    }

    private final TaskRunner tasks;
    private final Supplier<IdentityState> state;
    private final WhoCan whoCan = new WhoCan(new PermissionEvaluator());
    private final StringProperty action = new SimpleStringProperty("");
    private final StringProperty resource = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** Node ids that can; null while no query is shown. */
    private final ObjectProperty<Set<String>> matches = new SimpleObjectProperty<>();
    private long generation;

    public WhoCanViewModel(TaskRunner tasks, Supplier<IdentityState> state) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.state = Objects.requireNonNull(state, "state");
    }

    private record Result(List<Row> rows, Set<String> matches, String summary) {
    }

    /** Asks the question for the current state; a newer question wins over one still running. */
    public void run() {
        String a = action.get() == null ? "" : action.get().strip();
        String r = resource.get() == null ? "" : resource.get().strip();
        if (!a.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
            summary.set("Enter an action like s3:GetObject.");
            return;
        }
        if (!r.equals("*") && !r.startsWith("arn:")) {
            summary.set("Enter a resource ARN like arn:aws:s3:::bucket/key.");
            return;
        }
        IdentityState s = state.get();
        if (s == null) {
            summary.set("Connect to a cluster first.");
            return;
        }
        long mine = ++generation;
        running.set(true);
        AccessRequest request = new AccessRequest(a, r, Map.of());
        tasks.run(() -> answer(s, request), result -> {
            if (mine != generation) {
                return;
            }
            running.set(false);
            rows.setAll(result.rows());
            matches.set(result.matches());
            summary.set(result.summary());
        }, error -> {
            if (mine == generation) {
                running.set(false);
                summary.set("Could not answer: " + error.getMessage());
            }
        });
    }

    /** Ends the query: the graph shows everything again. */
    public void clear() {
        generation++;
        running.set(false);
        rows.clear();
        matches.set(null);
        summary.set("");
    }

    private Result answer(IdentityState s, AccessRequest request) {
        WhoCan.Answer answer = whoCan.ask(s.snapshot(), s.graph(), request, Set.of());
        Map<String, PodInfo> pods = new HashMap<>();
        s.snapshot().pods().forEach(p -> pods.put(p.namespace() + "/" + p.name(), p));
        List<Row> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        int allowed = 0;
        for (WhoCan.Principal p : answer.principals()) {
            String saId = NodeIds.serviceAccount(p.serviceAccount());
            out.add(new Row(label(p.decision()), p.serviceAccount().toString(), false, p.mechanism().name(),
                    p.decision().reason(), saId));
            boolean any = p.decision().allowed();
            for (WhoCan.PodAnswer pod : p.pods()) {
                String podId = NodeIds.pod(p.serviceAccount().namespace(), pod.name());
                if (pod.decision().decision() != p.decision().decision()) {
                    out.add(new Row(label(pod.decision()), pod.name(), true, pod.mechanism().name(),
                            pod.decision().reason(), podId));
                }
                if (pod.decision().allowed()) {
                    any = true;
                    ids.add(podId);
                    PodInfo info = pods.get(p.serviceAccount().namespace() + "/" + pod.name());
                    if (info != null && info.owner() != null) {
                        ids.add(NodeIds.workload(info.namespace(), info.owner()));
                    }
                    if (pod.roleArn() != null) {
                        ids.add(NodeIds.role(pod.roleArn()));
                    }
                }
            }
            if (any) {
                allowed++;
                ids.add(saId);
                ids.add(NodeIds.namespace(p.serviceAccount().namespace()));
                if (p.decision().allowed() && p.roleArn() != null) {
                    ids.add(NodeIds.role(p.roleArn()));
                    if (p.targetRoleArn() != null) {
                        ids.add(NodeIds.role(p.targetRoleArn()));
                    }
                }
                s.graph().serviceAccount(p.serviceAccount()).flatMap(sa -> sa.associationOpt())
                        .ifPresent(assoc -> ids.add(NodeIds.association(assoc.associationId(), p.serviceAccount())));
            }
        }
        String text = allowed + " of " + answer.principals().size() + " service accounts can " + request.action()
                + " on " + request.resource() + (answer.unknown().isEmpty() ? ""
                : ". Not seen: " + String.join(" ", answer.unknown()));
        return new Result(out, ids, text);
    }

    private static String label(AccessDecision d) {
        return d.decision().name().replace('_', ' ');
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty resourceProperty() {
        return resource;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Set<String>> matchesProperty() {
        return matches;
    }
}

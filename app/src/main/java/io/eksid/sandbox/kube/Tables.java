package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Server-side printing ({@code meta.k8s.io/v1 Table}) for {@code kubectl get}, with kubectl's usual columns. */
final class Tables {

    private record Column(String name, String type, int priority) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Tables() {
    }

    static ObjectNode table(ResourceType type, List<? extends JsonNode> objects, Instant now, String resourceVersion,
                            boolean withColumns) {
        ObjectNode table = F.objectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = table.putObject("metadata");
        if (resourceVersion != null) {
            meta.put("resourceVersion", resourceVersion);
        }
        if (withColumns) {
            ArrayNode columns = table.putArray("columnDefinitions");
            for (Column c : columns(type)) {
                columns.addObject().put("name", c.name).put("type", c.type).put("format", c.name.equals("Name") ? "name" : "")
                        .put("description", c.name).put("priority", c.priority);
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells(type, o, now, cells);
            ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
                    .put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", o.path("metadata").deepCopy());
        }
        return table;
    }

    private static List<Column> columns(ResourceType type) {
        return switch (type.plural()) {
            case "pods" -> List.of(col("Name"), col("Ready"), col("Status"), new Column("Restarts", "string", 0), col("Age"),
                    new Column("IP", "string", 1), new Column("Node", "string", 1));
            case "deployments" -> List.of(col("Name"), col("Ready"), new Column("Up-to-date", "integer", 0),
                    new Column("Available", "integer", 0), col("Age"));
            case "replicasets" -> List.of(col("Name"), new Column("Desired", "integer", 0), new Column("Current", "integer", 0),
                    new Column("Ready", "integer", 0), col("Age"));
            case "statefulsets" -> List.of(col("Name"), col("Ready"), col("Age"));
            case "daemonsets" -> List.of(col("Name"), new Column("Desired", "integer", 0), new Column("Current", "integer", 0),
                    new Column("Ready", "integer", 0), new Column("Up-to-date", "integer", 0),
                    new Column("Available", "integer", 0), new Column("Node Selector", "string", 0), col("Age"));
            case "namespaces" -> List.of(col("Name"), col("Status"), col("Age"));
            case "nodes" -> List.of(col("Name"), col("Status"), col("Roles"), col("Age"), col("Version"));
            case "serviceaccounts" -> List.of(col("Name"), new Column("Secrets", "integer", 0), col("Age"));
            case "cronjobs" -> List.of(col("Name"), col("Schedule"), col("Timezone"), new Column("Suspend", "boolean", 0),
                    new Column("Active", "integer", 0), col("Last Schedule"), col("Age"));
            default -> List.of(col("Name"), col("Age"));
        };
    }

    private static Column col(String name) {
        return new Column(name, "string", 0);
    }

    private static void cells(ResourceType type, JsonNode o, Instant now, ArrayNode cells) {
        JsonNode meta = o.path("metadata");
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        String age = age(meta.path("creationTimestamp").asText(""), now);
        cells.add(meta.path("name").asText());
        switch (type.plural()) {
            case "pods" -> {
                int total = spec.path("containers").size();
                int ready = 0;
                int restarts = 0;
                for (JsonNode cs : status.path("containerStatuses")) {
                    ready += cs.path("ready").asBoolean() ? 1 : 0;
                    restarts += cs.path("restartCount").asInt();
                }
                cells.add(ready + "/" + total);
                cells.add(meta.has("deletionTimestamp") ? "Terminating" : status.path("phase").asText("Pending"));
                cells.add(Integer.toString(restarts)).add(age);
                cells.add(status.path("podIP").asText("<none>")).add(spec.path("nodeName").asText("<none>"));
            }
            case "deployments" -> cells.add(status.path("readyReplicas").asInt() + "/" + spec.path("replicas").asInt(1))
                    .add(status.path("updatedReplicas").asInt()).add(status.path("availableReplicas").asInt()).add(age);
            case "replicasets" -> cells.add(spec.path("replicas").asInt(1)).add(status.path("replicas").asInt())
                    .add(status.path("readyReplicas").asInt()).add(age);
            case "statefulsets" -> cells.add(status.path("readyReplicas").asInt() + "/" + spec.path("replicas").asInt(1)).add(age);
            case "daemonsets" -> {
                StringBuilder selector = new StringBuilder();
                spec.path("template").path("spec").path("nodeSelector").fields().forEachRemaining(e ->
                        selector.append(selector.length() == 0 ? "" : ",").append(e.getKey()).append('=')
                                .append(e.getValue().asText()));
                cells.add(status.path("desiredNumberScheduled").asInt()).add(status.path("currentNumberScheduled").asInt())
                        .add(status.path("numberReady").asInt()).add(status.path("updatedNumberScheduled").asInt())
                        .add(status.path("numberAvailable").asInt())
                        .add(selector.length() == 0 ? "<none>" : selector.toString()).add(age);
            }
            case "namespaces" -> cells.add(status.path("phase").asText("Active")).add(age);
            case "nodes" -> cells.add("Ready").add("<none>").add(age)
                    .add(status.path("nodeInfo").path("kubeletVersion").asText(""));
            case "serviceaccounts" -> cells.add(o.path("secrets").size()).add(age);
            case "cronjobs" -> cells.add(spec.path("schedule").asText("")).add(spec.path("timeZone").asText("<none>"))
                    .add(spec.path("suspend").asBoolean(false)).add(status.path("active").size())
                    .add(status.has("lastScheduleTime") ? age(status.path("lastScheduleTime").asText(), now) : "<none>")
                    .add(age);
            default -> cells.add(age);
        }
    }

    /** kubectl's short ages: 45s, 5m12s, 3h4m, 12d. */
    static String age(String timestamp, Instant now) {
        if (timestamp.isEmpty()) {
            return "<unknown>";
        }
        Duration d = Duration.between(Instant.parse(timestamp), now);
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            return m + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 48) {
            return h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
        }
        long days = h / 24;
        return days < 730 ? days + "d" : (days / 365) + "y";
    }
}

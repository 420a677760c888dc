package io.eksid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.engine.convert.PlanCodec;
import io.eksid.engine.convert.RollbackResult;
import io.eksid.model.plan.ConversionPlan;
import java.io.PrintWriter;
import java.util.List;

/** The JSON shapes of plan, apply and rollback (documented in docs/cli.md). */
final class ConversionJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConversionJson() {
    }

    static ObjectNode plan(ConversionPlan plan) {
        ObjectNode o = JSON.createObjectNode();
        o.put("planId", plan.id());
        o.set("summary", JSON.valueToTree(plan.summary()));
        o.set("plan", new PlanCodec().toJson(plan));
        return o;
    }

    static ObjectNode apply(ApplyResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("planId", r.planId()).put("runId", JournalFiles.runId(r.journal()))
                .put("journal", r.journal().toString()).put("outcome", r.outcome().name());
        steps(o.putArray("succeeded"), r.succeeded());
        steps(o.putArray("failed"), r.failed());
        steps(o.putArray("skipped"), r.skipped());
        steps(o.putArray("notRun"), r.notRun());
        o.put("awsWrites", r.awsWrites()).put("kubeWrites", r.kubeWrites()).put("iamRequests", r.iamRequests())
                .put("eksRequests", r.eksRequests()).put("retries", r.retries())
                .put("elapsedMillis", r.elapsed().toMillis());
        return o;
    }

    static ObjectNode rollback(RollbackResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("planId", r.planId()).put("journal", r.journal().toString());
        steps(o.putArray("rolledBack"), r.rolledBack());
        steps(o.putArray("conflicts"), r.conflicts());
        steps(o.putArray("failed"), r.failed());
        steps(o.putArray("kept"), r.kept());
        r.journalDamage().forEach(o.putArray("journalDamage")::add);
        return o;
    }

    private static void steps(ArrayNode out, List<ApplyResult.StepOutcome> steps) {
        for (ApplyResult.StepOutcome s : steps) {
            out.addObject().put("step", s.stepId()).put("kind", s.kind() == null ? null : s.kind().name())
                    .put("title", s.title()).put("detail", s.detail()).put("changed", s.changed())
                    .put("conflict", s.conflict());
        }
    }

    static void print(PrintWriter out, ObjectNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    static void table(PrintWriter out, String heading, List<ApplyResult.StepOutcome> steps) {
        if (steps.isEmpty()) {
            return;
        }
        out.println(heading + " (" + steps.size() + ")");
        for (ApplyResult.StepOutcome s : steps) {
            out.println("  " + s.stepId() + (s.detail().isEmpty() ? "" : ": " + s.detail()));
        }
    }
}

package io.eksid.model.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Freezes a {@link PlanDraft}: steps in execution order, per-SA step lists, and the content-hash id. */
final class PlanAssembler {

    private PlanAssembler() {
    }

    static ConversionPlan freeze(PlanDraft draft, Selection selection) {
        List<PlanStep> steps = new ArrayList<>(draft.steps.values());
        steps.sort(Comparator.comparing(PlanStep::kind).thenComparing(PlanStep::id));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            position.put(steps.get(i).id(), i);
        }
        for (PlanStep s : steps) {
            for (String dep : s.dependsOn()) {
                Integer at = position.get(dep);
                if (at == null || at >= position.get(s.id())) {
                    throw new IllegalStateException("step " + s.id() + " depends on " + dep
                            + (at == null ? ", which is not in the plan" : ", which does not come before it"));
                }
            }
        }
        List<PlannedServiceAccount> planned = new ArrayList<>();
        for (Conversion c : draft.active()) {
            if (c.stepIds.isEmpty()) {
                continue;
            }
            List<String> ids = new ArrayList<>(c.stepIds);
            if (draft.has(FollowUpSteps.AGENT_STEP)) {
                ids.add(FollowUpSteps.AGENT_STEP);
            }
            ids.sort(Comparator.comparing(position::get));
            planned.add(new PlannedServiceAccount(c.ref(), c.irsaRole.toString(), c.associationRole.toString(),
                    c.targetRole == null ? null : c.targetRole.toString(), c.addonName, ids));
        }
        List<SkippedItem> skipped = draft.skipped.stream()
                .sorted(Comparator.comparing(SkippedItem::serviceAccount)).toList();
        List<AlreadyDone> done = draft.alreadyDone.stream()
                .sorted(Comparator.comparing(AlreadyDone::serviceAccount)).toList();
        List<ExternalRequest> requests = draft.externalRequests.stream()
                .sorted(Comparator.comparing(ExternalRequest::roleArn)).toList();
        List<String> notes = List.copyOf(draft.notes);
        String id = contentId(draft, selection, steps, planned, skipped, done, requests, notes);
        return new ConversionPlan(id, draft.cluster, selection, draft.options, steps, planned, skipped, done,
                requests, notes);
    }

    /**
     * A SHA-256 over everything the plan says (not when the snapshot was taken). Records print their components in
     * declaration order and every collection in a plan is a list or a sorted map, so the text is stable across runs.
     */
    private static String contentId(PlanDraft draft, Selection selection, List<PlanStep> steps,
                                    List<PlannedServiceAccount> planned, List<SkippedItem> skipped,
                                    List<AlreadyDone> done, List<ExternalRequest> requests, List<String> notes) {
        String canonical = String.join("\n", draft.cluster.toString(), selection.toString(),
                draft.options.toString(), steps.toString(), planned.toString(), skipped.toString(), done.toString(),
                requests.toString(), notes.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "plan-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}

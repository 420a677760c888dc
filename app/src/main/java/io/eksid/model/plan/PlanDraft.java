package io.eksid.model.plan;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything one planning run collects before it is frozen into a {@link ConversionPlan}. */
final class PlanDraft {

    final ClusterSnapshot snapshot;
    final ClusterInfo cluster;
    final ConversionOptions options;
    final int quota;
    final Map<String, PlanStep> steps = new LinkedHashMap<>();
    final List<Conversion> conversions = new ArrayList<>();
    final List<SkippedItem> skipped = new ArrayList<>();
    final List<AlreadyDone> alreadyDone = new ArrayList<>();
    final List<ExternalRequest> externalRequests = new ArrayList<>();
    final Set<String> notes = new LinkedHashSet<>();
    /** Trust policies as they will be after this plan's trust updates, by role ARN. */
    final Map<String, TrustPolicy> plannedTrust = new HashMap<>();
    private final Map<String, Object> parsedTrust = new HashMap<>();

    PlanDraft(ClusterSnapshot snapshot, ConversionOptions options) {
        this.snapshot = snapshot;
        this.cluster = snapshot.cluster();
        this.options = options;
        this.quota = snapshot.trustPolicyQuota();
    }

    void add(PlanStep step) {
        if (steps.putIfAbsent(step.id(), step) != null) {
            throw new IllegalStateException("two plan steps with id " + step.id());
        }
    }

    boolean has(String stepId) {
        return steps.containsKey(stepId);
    }

    void skip(Conversion c, SkipReason reason, String detail) {
        c.skipped = true;
        skipped.add(new SkippedItem(c.ref(), c.annotation, reason, detail));
    }

    List<Conversion> active() {
        return conversions.stream().filter(c -> !c.skipped).toList();
    }

    /** The role's trust policy from the snapshot, parsed once; empty when the role was not read. */
    Optional<TrustPolicy> trust(String roleArn) throws PolicyParseException {
        if (snapshot.role(roleArn).isEmpty()) {
            return Optional.empty();
        }
        Object cached = parsedTrust.computeIfAbsent(roleArn, arn -> {
            try {
                return TrustPolicy.parse(snapshot.role(arn).orElseThrow().trustPolicyJson());
            } catch (PolicyParseException e) {
                return e;
            }
        });
        if (cached instanceof PolicyParseException e) {
            throw e;
        }
        return Optional.of((TrustPolicy) cached);
    }

    /** The trust policy as this plan leaves it, for steps that come after a trust update. */
    Optional<TrustPolicy> trustAfterPlan(String roleArn) {
        TrustPolicy planned = plannedTrust.get(roleArn);
        if (planned != null) {
            return Optional.of(planned);
        }
        try {
            return trust(roleArn);
        } catch (PolicyParseException e) {
            return Optional.empty();
        }
    }

    /** Why a role cannot be used: the snapshot's reason when it was unreadable, else "not found". */
    String unreadableDetail(String roleArn) {
        String reason = snapshot.unreadableRoles().get(roleArn);
        return reason != null ? "role " + roleArn + " could not be read: " + reason
                : "role " + roleArn + " does not exist (GetRole found no such role)";
    }

    SkipReason unreadableReason(String roleArn) {
        return snapshot.unreadableRoles().containsKey(roleArn) ? SkipReason.ROLE_UNREADABLE : SkipReason.ROLE_MISSING;
    }
}

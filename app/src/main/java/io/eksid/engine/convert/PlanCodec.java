package io.eksid.engine.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import io.eksid.model.plan.StepKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan as the journal's PLAN entry stores it, and back: a resumed run or a rollback works from exactly the plan
 * the first run journaled, never from a re-plan of a cluster that has changed since. Plan records serialise as they
 * are; a step's action is typed by the step's {@code kind}.
 */
public final class PlanCodec {

    private final ObjectMapper json;

    public PlanCodec() {
        SimpleModule module = new SimpleModule("eksid-plan");
        module.addDeserializer(PlanStep.class, new StepDeserializer());
        this.json = new ObjectMapper().registerModule(module)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public JsonNode toJson(ConversionPlan plan) {
        return json.valueToTree(plan);
    }

    public ConversionPlan fromJson(JsonNode node) {
        try {
            ConversionPlan plan = json.treeToValue(node, ConversionPlan.class);
            if (plan == null) {
                throw new IllegalArgumentException("the journal's PLAN entry holds no plan");
            }
            return plan;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the journal's PLAN entry cannot be read as a plan: "
                    + e.getOriginalMessage(), e);
        }
    }

    static Class<? extends StepAction> actionType(StepKind kind) {
        return switch (kind) {
            case ENSURE_AGENT_ADDON -> StepAction.EnsureAgentAddon.class;
            case CREATE_BRIDGE_ROLE -> StepAction.CreateBridgeRole.class;
            case CREATE_ROLE -> StepAction.CreateRole.class;
            case UPDATE_ROLE_TRUST -> StepAction.UpdateRoleTrust.class;
            case UPDATE_TARGET_ROLE_TRUST -> StepAction.UpdateTargetRoleTrust.class;
            case CREATE_ASSOCIATION -> StepAction.CreateAssociation.class;
            case UPDATE_ADDON_POD_IDENTITY -> StepAction.UpdateAddonPodIdentity.class;
            case RESTART_WORKLOAD -> StepAction.RestartWorkload.class;
            case VERIFY -> StepAction.Verify.class;
            case REMOVE_IRSA_ANNOTATION -> StepAction.RemoveIrsaAnnotation.class;
            case REMOVE_OIDC_TRUST -> StepAction.RemoveOidcTrust.class;
        };
    }

    private static final class StepDeserializer extends JsonDeserializer<PlanStep> {
        @Override
        public PlanStep deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode n = p.getCodec().readTree(p);
            StepKind kind = StepKind.valueOf(n.path("kind").asText());
            ObjectMapper codec = (ObjectMapper) p.getCodec();
            StepAction action = codec.treeToValue(n.path("action"), actionType(kind));
            return new PlanStep(n.path("id").asText(), kind, n.path("title").asText(), strings(n.path("dependsOn")),
                    strings(n.path("preconditions")), strings(n.path("expectedResults")), action);
        }

        private static List<String> strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(e -> out.add(e.asText()));
            return out;
        }
    }
}

package io.eksid.engine.convert;

import io.eksid.model.plan.StepAction;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;

/** Runs a step by its kind. */
final class StepDispatcher {

    private final IamSteps iam;
    private final EksSteps eks = new EksSteps();
    private final KubeSteps kube = new KubeSteps();
    private final VerifyStep verify;

    StepDispatcher(TrustEvaluator evaluator, TrustRewriter rewriter) {
        this.iam = new IamSteps(evaluator, rewriter);
        this.verify = new VerifyStep(evaluator);
    }

    StepResult run(StepContext ctx) {
        StepAction action = ctx.step.action();
        if (action instanceof StepAction.EnsureAgentAddon a) {
            return eks.ensureAgent(ctx, a);
        } else if (action instanceof StepAction.CreateBridgeRole a) {
            return iam.createBridgeRole(ctx, a);
        } else if (action instanceof StepAction.CreateRole a) {
            return iam.createRole(ctx, a);
        } else if (action instanceof StepAction.UpdateRoleTrust a) {
            return iam.updateRoleTrust(ctx, a);
        } else if (action instanceof StepAction.UpdateTargetRoleTrust a) {
            return iam.updateTargetRoleTrust(ctx, a);
        } else if (action instanceof StepAction.CreateAssociation a) {
            return eks.createAssociation(ctx, a);
        } else if (action instanceof StepAction.UpdateAddonPodIdentity a) {
            return eks.updateAddon(ctx, a);
        } else if (action instanceof StepAction.RestartWorkload a) {
            return kube.restart(ctx, a);
        } else if (action instanceof StepAction.Verify a) {
            return verify.verify(ctx, a);
        } else if (action instanceof StepAction.RemoveIrsaAnnotation a) {
            return kube.removeAnnotation(ctx, a);
        } else if (action instanceof StepAction.RemoveOidcTrust a) {
            return iam.removeOidcTrust(ctx, a);
        }
        throw new IllegalStateException("no handler for " + action.kind());
    }
}

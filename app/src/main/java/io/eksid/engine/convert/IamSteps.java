package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.aws.IdentityWriter;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.StepAction;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.PolicySize;
import io.eksid.model.trust.RewriteResult;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.model.trust.TrustRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The IAM steps. Each is a read-modify-write under the role's lock: a fresh GetRole immediately before the write,
 * the rewrite applied to what IAM holds now (never to the plan's possibly stale copy, so no statement written since
 * the plan is lost), the quota checked on that fresh result, and a re-read afterwards proving the change holds.
 */
final class IamSteps {

    private static final int WRITE_ATTEMPTS = 3;

    private final TrustEvaluator evaluator;
    private final TrustRewriter rewriter;

    IamSteps(TrustEvaluator evaluator, TrustRewriter rewriter) {
        this.evaluator = evaluator;
        this.rewriter = rewriter;
    }

    /** Adds the Pod Identity statement, keeping every statement the role has now (DESIGN §2 step 2). */
    StepResult updateRoleTrust(StepContext ctx, StepAction.UpdateRoleTrust a) {
        IdentityWriter iam = ctx.gateways.iamOrFail(a.account());
        return ctx.shared.locks().withRole(a.roleArn(), () -> rewrite(ctx, iam, a.roleArn(), a.roleName(), a.quota(),
                p -> evaluator.podIdentity(p, ctx.cluster()).allowed(),
                p -> {
                    RewriteResult r = rewriter.addPodIdentity(p, ctx.cluster(), a.quota());
                    if (!r.changed()) {
                        throw new StepFailure("the trust policy of " + a.roleArn() + " cannot be made to admit Pod "
                                + "Identity: " + String.join(" ", r.notes()));
                    }
                    return r.after();
                }, "Pod Identity may assume " + a.roleName()));
    }

    /** Lets the bridge role chain into the cross-account target: the plan's added statement, on today's document. */
    StepResult updateTargetRoleTrust(StepContext ctx, StepAction.UpdateTargetRoleTrust a) {
        IdentityWriter iam = ctx.gateways.iamOrFail(a.account());
        List<Statement> added = addedStatements(a.beforePolicy(), a.afterPolicy());
        RoleArn bridge = RoleArn.parse(a.bridgeRoleArn());
        return ctx.shared.locks().withRole(a.roleArn(), () -> rewrite(ctx, iam, a.roleArn(), a.roleName(), a.quota(),
                p -> evaluator.sourceRoleWithSessionTags(p, bridge).allowed(),
                p -> {
                    List<Statement> statements = new ArrayList<>(p.statements());
                    added.stream().filter(s -> !statements.contains(s)).forEach(statements::add);
                    return p.withStatements(statements);
                }, a.bridgeRoleArn() + " may assume " + a.roleName()));
    }

    /** Removes only the converted service accounts' {@code :sub} entries of this cluster (DESIGN §2 step 5). */
    StepResult removeOidcTrust(StepContext ctx, StepAction.RemoveOidcTrust a) {
        IdentityWriter iam = ctx.gateways.iamOrFail(a.account());
        return ctx.shared.locks().withRole(a.roleArn(), () -> rewrite(ctx, iam, a.roleArn(), a.roleName(), a.quota(),
                p -> a.serviceAccounts().stream().noneMatch(sa -> trustsThroughOidc(ctx, p, sa)),
                p -> {
                    TrustPolicy out = p;
                    for (ServiceAccountRef sa : a.serviceAccounts()) {
                        out = rewriter.removeIrsaSubject(out, ctx.cluster(), sa, a.quota()).after();
                    }
                    if (!evaluator.podIdentity(out, ctx.cluster()).allowed()) {
                        throw new StepFailure("removing the OIDC trust of " + a.serviceAccounts() + " from "
                                + a.roleArn() + " would leave Pod Identity unable to assume it; left unchanged");
                    }
                    return out;
                }, "removed the OIDC trust of " + a.serviceAccounts()));
    }

    private boolean trustsThroughOidc(StepContext ctx, TrustPolicy p, ServiceAccountRef sa) {
        return rewriter.removeIrsaSubject(p, ctx.cluster(), sa, PolicySize.DEFAULT_QUOTA).changed();
    }

    /** Creates the bridge role of a cross-account chain, or accepts the one an earlier run created. */
    /**
     * Creates the role of a new association, with the Pod Identity trust, and attaches its managed policies. An
     * existing role of that name is used only if it already trusts Pod Identity; missing policies are attached.
     */
    StepResult createRole(StepContext ctx, StepAction.CreateRole a) {
        IdentityWriter iam = ctx.gateways.iamOrFail(a.account());
        return ctx.shared.locks().withRole(a.roleArn(), () -> {
            var existing = ctx.calls.iamRead(() -> iam.getRole(a.roleName()));
            boolean changed = false;
            List<String> attached = List.of();
            if (existing.isEmpty()) {
                ctx.intent(StepContext.object().put("roleArn", a.roleArn()).put("roleName", a.roleName())
                        .put("account", a.account()).put("existed", false));
                ctx.calls.iamWrite(() -> iam.createRole(a.roleName(), a.rolePath(), a.trustPolicy(),
                        "Pod Identity role (created by eksid)", a.tags()));
                changed = true;
            } else {
                if (!evaluator.podIdentity(parse(a.roleArn(), existing.get().trustPolicyJson()), ctx.cluster())
                        .allowed()) {
                    throw new StepFailure("a role named " + a.roleName() + " exists but does not trust "
                            + "pods.eks.amazonaws.com; pick it as an existing role (the wizard adds the trust) or "
                            + "choose another name", true);
                }
                attached = ctx.calls.iamRead(() -> iam.attachedPolicies(a.roleName()));
            }
            List<String> missing = new java.util.ArrayList<>();
            for (String policy : a.managedPolicyArns()) {
                if (!attached.contains(policy)) {
                    missing.add(policy);
                }
            }
            if (!missing.isEmpty() && !changed && ctx.earlierOriginal() == null) {
                ObjectNode original = StepContext.object().put("roleArn", a.roleArn()).put("roleName", a.roleName())
                        .put("account", a.account()).put("existed", true);
                attached.forEach(original.putArray("attachedBefore")::add);
                ctx.intent(original);
            }
            for (String policy : missing) {
                ctx.calls.iamWrite(() -> {
                    iam.attachRolePolicy(a.roleName(), policy);
                    return null;
                });
                changed = true;
            }
            ObjectNode done = StepContext.object().put("roleArn", a.roleArn());
            if (changed) {
                ctx.changed();
                return StepResult.changed(done, "created role " + a.roleName() + " with "
                        + a.managedPolicyArns().size() + " managed policies");
            }
            if (createdEarlier(ctx)) {
                return StepResult.changed(done, "created role " + a.roleName() + " before the earlier run was "
                        + "interrupted");
            }
            return StepResult.unchanged(done, "role " + a.roleName() + " already exists as planned");
        });
    }

    StepResult createBridgeRole(StepContext ctx, StepAction.CreateBridgeRole a) {
        IdentityWriter iam = ctx.gateways.iamOrFail(a.account());
        return ctx.shared.locks().withRole(a.roleArn(), () -> {
            var existing = ctx.calls.iamRead(() -> iam.getRole(a.roleName()));
            boolean created = false;
            if (existing.isEmpty()) {
                ObjectNode original = StepContext.object().put("roleArn", a.roleArn()).put("roleName", a.roleName())
                        .put("account", a.account()).put("existed", false).put("policyName", a.permissionPolicyName());
                ctx.intent(original);
                ctx.calls.iamWrite(() -> iam.createRole(a.roleName(), a.rolePath(), a.trustPolicy(),
                        "Pod Identity bridge to " + a.targetRoleArn() + " (created by eksid)", a.tags()));
                created = true;
            } else if (!evaluator.podIdentity(parse(a.roleArn(), existing.get().trustPolicyJson()), ctx.cluster())
                    .allowed()) {
                throw new StepFailure("a role named " + a.roleName() + " exists but does not trust "
                        + "pods.eks.amazonaws.com; it is not ours to change: delete or rename it, then re-plan", true);
            }
            var policy = ctx.calls.iamRead(() -> iam.getRolePolicy(a.roleName(), a.permissionPolicyName()));
            if (policy.isEmpty() || !sameJson(policy.get(), a.permissionPolicy())) {
                if (!created && ctx.earlierOriginal() == null) {
                    ctx.intent(StepContext.object().put("roleArn", a.roleArn()).put("roleName", a.roleName())
                            .put("account", a.account()).put("existed", true)
                            .put("policyName", a.permissionPolicyName())
                            .put("originalPolicy", policy.orElse(null)));
                }
                ctx.calls.iamWrite(() -> iam.putRolePolicy(a.roleName(), a.permissionPolicyName(),
                        a.permissionPolicy()));
                created = true;
            }
            ObjectNode done = StepContext.object().put("roleArn", a.roleArn());
            if (created) {
                ctx.changed();
                return StepResult.changed(done, "created bridge role " + a.roleName());
            }
            if (createdEarlier(ctx)) {
                return StepResult.changed(done, "created bridge role " + a.roleName() + " before the earlier run "
                        + "was interrupted");
            }
            return StepResult.unchanged(done, "bridge role " + a.roleName() + " already exists as planned");
        });
    }

    /** The interrupted run had found no role and journaled its creation: the role that exists now is that one. */
    private static boolean createdEarlier(StepContext ctx) {
        return ctx.interruptedEarlier() && !ctx.earlierOriginal().path("existed").asBoolean(true);
    }

    /**
     * The read-modify-write of one trust policy. {@code satisfied} says whether the document already is as wanted
     * (then nothing is written); {@code change} rewrites a fresh document.
     */
    private StepResult rewrite(StepContext ctx, IdentityWriter iam, String roleArn, String roleName, int quota,
                               java.util.function.Predicate<TrustPolicy> satisfied, UnaryOperator<TrustPolicy> change,
                               String what) {
        boolean wrote = false;
        TrustPolicy original = null;
        TrustPolicy lastWritten = null;
        List<Statement> ours = new ArrayList<>();
        List<String> outsideEdits = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            IdentityWriter.RoleTrust fresh = ctx.calls.iamRead(() -> iam.getRole(roleName))
                    .orElseThrow(() -> new StepFailure("role " + roleArn + " no longer exists (GetRole: NoSuchEntity)"));
            TrustPolicy current = parse(roleArn, fresh.trustPolicyJson());
            ctx.shared.facts().readTrust(roleArn, current);
            if (lastWritten != null && !current.equals(lastWritten)) {
                // The re-read after our write shows someone else's edit: report it, and merge if ours is gone.
                outsideEdits.add(describeEdit(lastWritten, current));
            }
            if (satisfied.test(current)) {
                ObjectNode done = StepContext.object().put("roleArn", roleArn).put("policy", current.toJson());
                if (wrote) {
                    String note = "";
                    if (!outsideEdits.isEmpty()) {
                        List<Statement> outside = new ArrayList<>(current.statements());
                        outside.removeAll(original.statements());
                        outside.removeAll(ours);
                        done.put("outsideEdit", String.join("; ", outsideEdits));
                        done.put("outsideStatements", current.withStatements(outside).toJson());
                        note = " (the trust policy was edited by someone else during this step: "
                                + String.join("; ", outsideEdits) + "; the result keeps both)";
                    }
                    return StepResult.changed(done, what + note);
                }
                if (landedEarlier(ctx, roleArn, current, change)) {
                    return StepResult.changed(done, what + " (written before the earlier run was interrupted)");
                }
                return StepResult.unchanged(done, "already done: " + what);
            }
            if (attempt > WRITE_ATTEMPTS) {
                throw new StepFailure("the trust policy of " + roleArn + " was changed by someone else after each of "
                        + WRITE_ATTEMPTS + " writes (" + String.join("; ", outsideEdits) + "); check who else edits "
                        + "it and resume");
            }
            TrustPolicy after = change.apply(current);
            if (!after.statements().containsAll(keptStatements(current, after))) {
                throw new IllegalStateException("a trust rewrite dropped a statement it should keep");
            }
            PolicySize size = PolicySize.of(after, quota);
            if (!size.fits()) {
                throw new StepFailure("the new trust policy of " + roleArn + " would be " + size.describe()
                        + "; IAM would refuse it (LimitExceeded). Raise the account's \"Role trust policy length\" "
                        + "quota or remove unused statements, then resume");
            }
            if (!wrote) {
                original = current;
                ctx.intent(StepContext.object().put("roleArn", roleArn).put("roleName", roleName)
                        .put("original", current.toJson()));
            }
            after.statements().stream().filter(st -> !current.statements().contains(st) && !ours.contains(st))
                    .forEach(ours::add);
            ctx.calls.iamWrite(() -> iam.updateAssumeRolePolicy(roleName, after.toJson()));
            ctx.changed();
            wrote = true;
            lastWritten = after;
        }
    }

    private static String describeEdit(TrustPolicy written, TrustPolicy now) {
        List<Statement> added = new ArrayList<>(now.statements());
        added.removeAll(written.statements());
        List<Statement> removed = new ArrayList<>(written.statements());
        removed.removeAll(now.statements());
        return added.size() + " statement(s) added" + sids(added) + ", " + removed.size() + " removed" + sids(removed)
                + " after this step wrote";
    }

    private static String sids(List<Statement> statements) {
        List<String> sids = statements.stream().map(Statement::sid).filter(x -> x != null && !x.isBlank()).toList();
        return sids.isEmpty() ? "" : " " + sids;
    }

    /** The earlier run's write landed: the role holds exactly what this step makes of the journaled original. */
    private static boolean landedEarlier(StepContext ctx, String roleArn, TrustPolicy current,
                                         UnaryOperator<TrustPolicy> change) {
        if (!ctx.interruptedEarlier() || !ctx.earlierOriginal().hasNonNull("original")) {
            return false;
        }
        try {
            return change.apply(parse(roleArn, ctx.earlierOriginal().path("original").asText())).equals(current);
        } catch (StepFailure e) {
            return false;
        }
    }

    /** Statements of {@code before} a rewrite must keep: all of them, except those it only narrowed. */
    private static List<Statement> keptStatements(TrustPolicy before, TrustPolicy after) {
        return after.statements().size() > before.statements().size() ? before.statements() : List.of();
    }

    private static List<Statement> addedStatements(String beforeJson, String afterJson) {
        TrustPolicy before = parse("the plan's before-document", beforeJson);
        TrustPolicy after = parse("the plan's after-document", afterJson);
        List<Statement> added = new ArrayList<>(after.statements());
        added.removeAll(before.statements());
        return added;
    }

    static TrustPolicy parse(String what, String json) {
        try {
            return TrustPolicy.parse(json);
        } catch (PolicyParseException e) {
            throw new StepFailure("the trust policy of " + what + " does not parse: " + e.getMessage());
        }
    }

    private static boolean sameJson(String a, String b) {
        try {
            return RunJournal.JSON.readTree(a).equals(RunJournal.JSON.readTree(b));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }
}

package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.aws.IdentityWriteException;
import io.eksid.aws.IdentityWriter;
import io.eksid.model.Addon;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.plan.StepAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The EKS steps: the agent add-on, associations and add-on Pod Identity. Each first reads what EKS has now; an
 * association or add-on entry that already is as planned counts as done (eksctl issue #7753), one that maps the
 * service account to another role is a conflict for the admin, never overwritten.
 */
final class EksSteps {

    /** Ensures the agent add-on is ACTIVE (DESIGN §2 step 1). */
    StepResult ensureAgent(StepContext ctx, StepAction.EnsureAgentAddon a) {
        IdentityWriter eks = ctx.gateways.cluster();
        Optional<Addon> now = ctx.calls.eksRead(() -> eks.describeAddon(a.clusterName(), a.addonName()));
        if (now.isPresent() && now.get().active()) {
            if (ctx.interruptedEarlier()) {
                return StepResult.changed(StepContext.object().put("status", "ACTIVE"), "add-on " + a.addonName()
                        + " is ACTIVE after the interrupted run's change");
            }
            return StepResult.unchanged(StepContext.object().put("status", "ACTIVE"),
                    "add-on " + a.addonName() + " is ACTIVE");
        }
        boolean wrote = false;
        String status = now.map(Addon::status).orElse(null);
        if (now.isPresent() && "DELETING".equals(status)) {
            if (!ctx.await(() -> ctx.calls.eksRead(() -> eks.describeAddon(a.clusterName(), a.addonName())).isEmpty())) {
                throw new StepFailure("add-on " + a.addonName() + " is still being deleted after "
                        + ctx.settings.settleTimeout().toSeconds() + "s; resume once it is gone");
            }
            now = Optional.empty();
        }
        if (now.isEmpty()) {
            ctx.intent(StepContext.object().put("addonName", a.addonName()).put("existed", false));
            try {
                ctx.calls.eksWrite(() -> eks.createAddon(a.clusterName(), a.addonName()));
            } catch (IdentityWriteException e) {
                if (e.kind() != IdentityWriteException.Kind.ALREADY_EXISTS) {
                    throw e;
                }
            }
            wrote = true;
        } else if (!"CREATING".equals(status) && !"UPDATING".equals(status)) {
            ctx.intent(StepContext.object().put("addonName", a.addonName()).put("existed", true).put("status", status));
            ctx.calls.eksWrite(() -> eks.repairAddon(a.clusterName(), a.addonName()));
            wrote = true;
        }
        if (wrote) {
            ctx.changed();
        }
        if (!ctx.await(() -> ctx.calls.eksRead(() -> eks.describeAddon(a.clusterName(), a.addonName()))
                .map(Addon::active).orElse(false))) {
            throw new StepFailure("add-on " + a.addonName() + " did not become ACTIVE within "
                    + ctx.settings.settleTimeout().toSeconds() + "s; check it in the EKS console and resume");
        }
        ObjectNode done = StepContext.object().put("status", "ACTIVE");
        return wrote ? StepResult.changed(done, "installed add-on " + a.addonName())
                : StepResult.unchanged(done, "add-on " + a.addonName() + " became ACTIVE");
    }

    /**
     * Creates the association; an identical existing one is success (DESIGN §2 step 3). The plan saw none, so the
     * create is sent straight away (one request, the minimum); an association that exists by now comes back as
     * ResourceInUse and is then described and compared. After an interruption the step looks first: the earlier
     * run's create may have landed.
     */
    StepResult createAssociation(StepContext ctx, StepAction.CreateAssociation a) {
        IdentityWriter eks = ctx.gateways.cluster();
        if (ctx.interruptedEarlier()) {
            Optional<PodIdentityAssociation> existing = find(ctx, eks, a);
            if (existing.isPresent()) {
                // The earlier INTENT recorded that none existed: this one was created after it, by that run.
                return accept(ctx, a, existing.get(), true);
            }
        }
        ctx.intent(StepContext.object().put("namespace", a.namespace()).put("serviceAccount", a.serviceAccount())
                .putNull("existingAssociationId"));
        PodIdentityAssociation created;
        try {
            created = ctx.calls.eksWrite(() -> eks.createAssociation(a.clusterName(), a.namespace(),
                    a.serviceAccount(), a.roleArn(), a.targetRoleArn(), a.tags(), a.disableSessionTags(),
                    a.sessionPolicy(), token(ctx)));
        } catch (IdentityWriteException e) {
            if (e.kind() != IdentityWriteException.Kind.ALREADY_EXISTS && !e.errorCode().equals("InvalidRequestException")) {
                throw e;
            }
            // Someone created it since the plan (another run, the admin): not ours, so rollback keeps it.
            PodIdentityAssociation found = find(ctx, eks, a).orElseThrow(() -> e);
            return accept(ctx, a, found, false);
        }
        ctx.changed();
        return accept(ctx, a, created, true);
    }

    private static Optional<PodIdentityAssociation> find(StepContext ctx, IdentityWriter eks,
                                                         StepAction.CreateAssociation a) {
        return ctx.calls.eksRead(() -> eks.findAssociation(a.clusterName(), a.namespace(), a.serviceAccount()));
    }

    private static StepResult accept(StepContext ctx, StepAction.CreateAssociation a, PodIdentityAssociation found,
                                     boolean created) {
        StepResult r = accept(a, found, created);
        ctx.shared.facts().association(a.namespace() + "/" + a.serviceAccount(), found.associationId());
        return r;
    }

    private static StepResult accept(StepAction.CreateAssociation a, PodIdentityAssociation found, boolean created) {
        boolean same = Objects.equals(strip(found.roleArn()), a.roleArn())
                && Objects.equals(strip(found.targetRoleArn()), strip(a.targetRoleArn()))
                && found.disableSessionTags() == a.disableSessionTags()
                && Objects.equals(strip(found.policy()), strip(a.sessionPolicy()));
        if (!same) {
            throw new StepFailure("association " + found.associationId() + " already maps " + a.namespace() + "/"
                    + a.serviceAccount() + " to " + found.roleArn() + (found.targetRoleArn() == null ? ""
                    : " -> " + found.targetRoleArn()) + (found.disableSessionTags() ? " (session tags disabled)" : "")
                    + ", not to " + a.roleArn() + (a.disableSessionTags() ? " (session tags disabled)" : "")
                    + " as planned; it was not overwritten: "
                    + "decide which role is right, delete or update it, and re-plan", true);
        }
        ObjectNode done = StepContext.object().put("associationId", found.associationId())
                .put("associationArn", found.associationArn()).put("roleArn", found.roleArn())
                .put("targetRoleArn", strip(found.targetRoleArn()));
        String what = a.namespace() + "/" + a.serviceAccount() + " -> " + a.roleArn();
        return created ? StepResult.changed(done, "associated " + what)
                : StepResult.unchanged(done, "association already exists: " + what);
    }

    /**
     * The clientRequestToken: the same for every attempt of one run (a retried or resumed create returns the first
     * one's association), different for a new run of the same plan (after a rollback the old token is spent).
     */
    static String token(StepContext ctx) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((ctx.plan.id() + "\n" + ctx.step.id() + "\n"
                    + ctx.shared.runId()).getBytes(StandardCharsets.UTF_8));
            return "eksid-" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * UpdateAddon replaces the add-on's whole list, so the list sent is what the add-on owns NOW plus the converted
     * service accounts (an association it gained since the plan is kept).
     */
    StepResult updateAddon(StepContext ctx, StepAction.UpdateAddonPodIdentity a) {
        IdentityWriter eks = ctx.gateways.cluster();
        Addon addon = ctx.calls.eksRead(() -> eks.describeAddon(a.clusterName(), a.addonName()))
                .orElseThrow(() -> new StepFailure("add-on " + a.addonName() + " is no longer installed"));
        Map<String, String> current = ctx.calls.eksRead(() -> eks.addonPodIdentity(a.clusterName(), addon));
        Map<String, String> wanted = new TreeMap<>(current);
        for (StepAction.AddonPodIdentity p : a.podIdentityAssociations()) {
            boolean converted = a.convertedServiceAccounts().stream().anyMatch(r -> r.name().equals(p.serviceAccount()));
            if (converted || !wanted.containsKey(p.serviceAccount())) {
                wanted.put(p.serviceAccount(), p.roleArn());
            }
        }
        for (var ref : a.convertedServiceAccounts()) {
            String have = current.get(ref.name());
            if (have != null && !have.equals(wanted.get(ref.name()))) {
                throw new StepFailure("add-on " + a.addonName() + " already gives " + ref + " the role " + have
                        + ", not " + wanted.get(ref.name()) + "; not overwritten: decide and re-plan", true);
            }
        }
        if (current.equals(wanted)) {
            if (ctx.interruptedEarlier()) {
                return StepResult.changed(pairs(wanted), "add-on " + a.addonName() + " got Pod Identity for "
                        + a.convertedServiceAccounts() + " before the earlier run was interrupted");
            }
            return StepResult.unchanged(pairs(wanted), "add-on " + a.addonName() + " already has Pod Identity for "
                    + a.convertedServiceAccounts());
        }
        ObjectNode original = StepContext.object().put("addonName", a.addonName());
        original.set("podIdentityAssociations", pairs(current));
        ctx.intent(original);
        ctx.calls.eksWrite(() -> eks.updateAddonPodIdentity(a.clusterName(), a.addonName(), wanted));
        ctx.changed();
        if (!ctx.await(() -> ctx.calls.eksRead(() -> eks.describeAddon(a.clusterName(), a.addonName()))
                .map(Addon::active).orElse(false))) {
            throw new StepFailure("add-on " + a.addonName() + " did not become ACTIVE again within "
                    + ctx.settings.settleTimeout().toSeconds() + "s after UpdateAddon");
        }
        return StepResult.changed(pairs(wanted), "add-on " + a.addonName() + " now owns Pod Identity for "
                + a.convertedServiceAccounts());
    }

    static ObjectNode pairs(Map<String, String> pairs) {
        ObjectNode o = StepContext.object();
        ObjectNode p = o.putObject("pairs");
        new TreeMap<>(pairs).forEach(p::put);
        return o;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package io.eksid.model.plan;

import io.eksid.model.ServiceAccountRef;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a step does, with every value an executor or exporter needs. Plain records (strings, ints, lists,
 * enums, sorted string maps) so they serialise as they are; {@link #kind()} is the type discriminator.
 * Policies are pretty JSON as the trust engine prints them.
 */
public sealed interface StepAction {

    StepKind kind();

    /** What to do about the {@code eks-pod-identity-agent} add-on. */
    enum AgentOperation {
        /** Not installed: CreateAddon. */
        CREATE,
        /** Being created or updated: wait until ACTIVE. */
        WAIT_UNTIL_ACTIVE,
        /** Installed but DEGRADED or failed: UpdateAddon (overwrite conflicts) and wait until ACTIVE. */
        UPDATE,
        /** Being deleted: wait for the deletion to finish, then CreateAddon. */
        RECREATE_AFTER_DELETE
    }

    /** Ensure the Pod Identity agent add-on is ACTIVE (not planned on Auto Mode clusters: the agent is built in). */
    record EnsureAgentAddon(String clusterName, String addonName, AgentOperation operation, String currentStatus)
            implements StepAction {
        public StepKind kind() {
            return StepKind.ENSURE_AGENT_ADDON;
        }
    }

    /**
     * Add the Pod Identity statement to a role's trust policy, keeping every existing statement. One step per
     * role, however many service accounts share it.
     */
    record UpdateRoleTrust(String roleArn, String roleName, String rolePath, String account, String beforePolicy,
                           String afterPolicy, int charactersBefore, int charactersAfter, int quota,
                           List<ServiceAccountRef> serviceAccounts, List<String> notes) implements StepAction {
        public UpdateRoleTrust {
            serviceAccounts = List.copyOf(serviceAccounts);
            notes = List.copyOf(notes);
        }

        public StepKind kind() {
            return StepKind.UPDATE_ROLE_TRUST;
        }
    }

    /**
     * Create the role in the cluster's account that an association uses to chain to a role in another account
     * ({@code targetRoleArn}, FACTS.md cross-account).
     */
    record CreateBridgeRole(String roleArn, String roleName, String rolePath, String account, String trustPolicy,
                            String permissionPolicyName, String permissionPolicy, String targetRoleArn,
                            Map<String, String> tags) implements StepAction {
        public CreateBridgeRole {
            tags = sorted(tags);
        }

        public StepKind kind() {
            return StepKind.CREATE_BRIDGE_ROLE;
        }
    }

    /**
     * Create a role in the cluster's account for a new association: its trust is the Pod Identity statement, and
     * the given managed policies are attached.
     */
    record CreateRole(String roleArn, String roleName, String rolePath, String account, String trustPolicy,
                      List<String> managedPolicyArns, Map<String, String> tags) implements StepAction {
        public CreateRole {
            managedPolicyArns = List.copyOf(managedPolicyArns);
            tags = sorted(tags);
        }

        public StepKind kind() {
            return StepKind.CREATE_ROLE;
        }
    }

    /** Let the bridge role assume the cross-account target role, through a profile of the target's account. */
    record UpdateTargetRoleTrust(String roleArn, String roleName, String account, String bridgeRoleArn,
                                 String beforePolicy, String afterPolicy, int charactersBefore, int charactersAfter,
                                 int quota, List<ServiceAccountRef> serviceAccounts) implements StepAction {
        public UpdateTargetRoleTrust {
            serviceAccounts = List.copyOf(serviceAccounts);
        }

        public StepKind kind() {
            return StepKind.UPDATE_TARGET_ROLE_TRUST;
        }
    }

    /**
     * CreatePodIdentityAssociation. {@code targetRoleArn} is null unless the role chains to another account;
     * {@code sessionPolicy} (a session policy JSON) is only valid with {@code disableSessionTags} (FACTS.md).
     */
    record CreateAssociation(String clusterName, String namespace, String serviceAccount, String roleArn,
                             String targetRoleArn, Map<String, String> tags, boolean disableSessionTags,
                             String sessionPolicy) implements StepAction {
        public CreateAssociation {
            tags = sorted(tags);
            if (sessionPolicy != null && sessionPolicy.isBlank()) {
                sessionPolicy = null;
            }
            if (sessionPolicy != null && !disableSessionTags) {
                throw new IllegalArgumentException("a session policy needs session tags disabled");
            }
        }

        /** An association with session tags on and no session policy, as conversions create. */
        public CreateAssociation(String clusterName, String namespace, String serviceAccount, String roleArn,
                                 String targetRoleArn, Map<String, String> tags) {
            this(clusterName, namespace, serviceAccount, roleArn, targetRoleArn, tags, false, null);
        }

        public ServiceAccountRef serviceAccountRef() {
            return new ServiceAccountRef(namespace, serviceAccount);
        }

        public StepKind kind() {
            return StepKind.CREATE_ASSOCIATION;
        }
    }

    /** One entry of UpdateAddon's {@code podIdentityAssociations}. */
    record AddonPodIdentity(String serviceAccount, String roleArn) {
    }

    /**
     * UpdateAddon with {@code podIdentityAssociations}: the complete list the add-on should own afterwards
     * (the associations it owns already, plus the converted ones), because UpdateAddon replaces the list.
     */
    record UpdateAddonPodIdentity(String clusterName, String addonName, List<AddonPodIdentity> podIdentityAssociations,
                                  List<ServiceAccountRef> convertedServiceAccounts) implements StepAction {
        public UpdateAddonPodIdentity {
            podIdentityAssociations = List.copyOf(podIdentityAssociations);
            convertedServiceAccounts = List.copyOf(convertedServiceAccounts);
        }

        public StepKind kind() {
            return StepKind.UPDATE_ADDON_POD_IDENTITY;
        }
    }

    /** {@code kubectl rollout restart}: only new pods get the Pod Identity variables (FACTS.md, runtime). */
    record RestartWorkload(String namespace, String workloadKind, String workloadName,
                           ServiceAccountRef serviceAccount) implements StepAction {
        public StepKind kind() {
            return StepKind.RESTART_WORKLOAD;
        }
    }

    /**
     * Check the conversion of one service account: the association describes back as planned, a fresh GetRole
     * of {@code roleArn} evaluates to Pod Identity allowed, and pods of the restarted workloads carry the Pod
     * Identity variables.
     */
    record Verify(ServiceAccountRef serviceAccount, String roleArn, String targetRoleArn, String addonName,
                  List<String> restartedWorkloads) implements StepAction {
        public Verify {
            restartedWorkloads = List.copyOf(restartedWorkloads);
        }

        public StepKind kind() {
            return StepKind.VERIFY;
        }
    }

    /** Remove {@code eks.amazonaws.com/role-arn}; the original value is journaled so rollback can restore it. */
    record RemoveIrsaAnnotation(String namespace, String serviceAccount, String annotation, String originalValue)
            implements StepAction {
        public StepKind kind() {
            return StepKind.REMOVE_IRSA_ANNOTATION;
        }
    }

    /**
     * Remove exactly the converted service accounts' {@code :sub} entries of this cluster's issuer from a role's
     * trust; statements of other clusters and other service accounts stay.
     */
    record RemoveOidcTrust(String roleArn, String roleName, String account, List<ServiceAccountRef> serviceAccounts,
                           String beforePolicy, String afterPolicy, int charactersBefore, int charactersAfter,
                           int quota, List<String> notes) implements StepAction {
        public RemoveOidcTrust {
            serviceAccounts = List.copyOf(serviceAccounts);
            notes = List.copyOf(notes);
        }

        public StepKind kind() {
            return StepKind.REMOVE_OIDC_TRUST;
        }
    }

    private static Map<String, String> sorted(Map<String, String> tags) {
        return Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNullElse(tags, Map.of())));
    }
}

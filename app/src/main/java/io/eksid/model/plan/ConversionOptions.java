package io.eksid.model.plan;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a conversion is planned. The defaults are the safe choice: restart workloads so new pods pick up Pod
 * Identity, keep the IRSA annotation and the OIDC trust until the user opts in to clean-up, and chain
 * cross-account roles through a role in the cluster's account.
 *
 * @param restartWorkloads           plan a {@code rollout restart} of every workload using a converted SA
 * @param removeAnnotationAfterVerify after verification, remove {@code eks.amazonaws.com/role-arn}
 * @param removeOidcTrustAfterVerify after verification, remove the converted SAs' {@code :sub} entries
 * @param crossAccount               what to do with IRSA roles in another account than the cluster's
 * @param writableAccounts           accounts other than the cluster's for which a profile can write IAM (the
 *                                   cluster's own account is always written with the cluster's profile)
 * @param confirmedTargetTrust       target role ARNs whose owners confirmed they added the requested bridge
 *                                   trust statement (for targets the console cannot read)
 */
public record ConversionOptions(boolean restartWorkloads, boolean removeAnnotationAfterVerify,
                                boolean removeOidcTrustAfterVerify, CrossAccountMode crossAccount,
                                List<String> writableAccounts, List<String> confirmedTargetTrust) {

    /** Cross-account IRSA roles: an association's role must be in the cluster's account (FACTS.md, Pod Identity). */
    public enum CrossAccountMode {
        /** Associate a role of the cluster's account with {@code targetRoleArn} = the original role. */
        CHAIN_TARGET_ROLE,
        /** Leave cross-account service accounts on IRSA. */
        SKIP
    }

    public ConversionOptions {
        Objects.requireNonNull(crossAccount, "crossAccount");
        writableAccounts = List.copyOf(new TreeSet<>(writableAccounts == null ? List.of() : writableAccounts));
        confirmedTargetTrust = List.copyOf(new TreeSet<>(confirmedTargetTrust == null ? List.of()
                : confirmedTargetTrust));
    }

    public static ConversionOptions defaults() {
        return new ConversionOptions(true, false, false, CrossAccountMode.CHAIN_TARGET_ROLE, List.of(), List.of());
    }

    public ConversionOptions withRestartWorkloads(boolean v) {
        return new ConversionOptions(v, removeAnnotationAfterVerify, removeOidcTrustAfterVerify, crossAccount,
                writableAccounts, confirmedTargetTrust);
    }

    public ConversionOptions withRemoveAnnotationAfterVerify(boolean v) {
        return new ConversionOptions(restartWorkloads, v, removeOidcTrustAfterVerify, crossAccount,
                writableAccounts, confirmedTargetTrust);
    }

    public ConversionOptions withRemoveOidcTrustAfterVerify(boolean v) {
        return new ConversionOptions(restartWorkloads, removeAnnotationAfterVerify, v, crossAccount,
                writableAccounts, confirmedTargetTrust);
    }

    public ConversionOptions withCrossAccount(CrossAccountMode mode) {
        return new ConversionOptions(restartWorkloads, removeAnnotationAfterVerify, removeOidcTrustAfterVerify,
                mode, writableAccounts, confirmedTargetTrust);
    }

    public ConversionOptions withWritableAccounts(Set<String> accounts) {
        return new ConversionOptions(restartWorkloads, removeAnnotationAfterVerify, removeOidcTrustAfterVerify,
                crossAccount, List.copyOf(accounts), confirmedTargetTrust);
    }

    public ConversionOptions withConfirmedTargetTrust(Set<String> targetRoleArns) {
        return new ConversionOptions(restartWorkloads, removeAnnotationAfterVerify, removeOidcTrustAfterVerify,
                crossAccount, writableAccounts, List.copyOf(targetRoleArns));
    }

    /** Whether IAM in {@code account} can be written: the cluster's account always, others when listed. */
    public boolean canWrite(String account, String clusterAccount) {
        return account.equals(clusterAccount) || writableAccounts.contains(account);
    }
}

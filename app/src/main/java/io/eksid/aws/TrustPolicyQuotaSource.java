package io.eksid.aws;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.store.ClusterStore;
import java.util.Objects;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code aws/trust-policy-quota}: the account's "Role trust policy length" quota (2,048 characters unless the
 * account raised it, FACTS.md), from IAM GetAccountSummary's {@code AssumeRolePolicySizeQuota}. It changes
 * rarely, so it is read on the first poll and then every {@code everyPolls} polls. An endpoint that does not
 * implement GetAccountSummary ({@code InvalidAction}) leaves the default in place and is not asked again.
 */
public final class TrustPolicyQuotaSource implements AwsSource {

    public static final String NAME = "aws/trust-policy-quota";
    static final String SUMMARY_KEY = "AssumeRolePolicySizeQuota";

    private final IamClient iam;
    private final ClusterStore store;
    private final int everyPolls;
    private int polls;
    private boolean unsupported;

    public TrustPolicyQuotaSource(IamClient iam, ClusterStore store, int everyPolls) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.store = Objects.requireNonNull(store, "store");
        if (everyPolls < 1) {
            throw new IllegalArgumentException("everyPolls must be >= 1");
        }
        this.everyPolls = everyPolls;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized String refresh() {
        if (unsupported || polls++ % everyPolls != 0) {
            return "";
        }
        try {
            Integer quota = iam.getAccountSummary().summaryMapAsStrings().get(SUMMARY_KEY);
            store.setTrustPolicyQuota(quota == null || quota <= 0 ? ClusterSnapshot.DEFAULT_TRUST_POLICY_QUOTA : quota);
            return "";
        } catch (RuntimeException e) {
            if ("InvalidAction".equals(AwsFailures.errorCode(e))) {
                unsupported = true;
                store.setTrustPolicyQuota(ClusterSnapshot.DEFAULT_TRUST_POLICY_QUOTA);
                return "";
            }
            polls = 0; // ask again on the next poll rather than waiting a full round
            throw e;
        }
    }
}

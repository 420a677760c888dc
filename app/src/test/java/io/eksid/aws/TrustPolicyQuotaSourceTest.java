package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksid.model.ClusterInfo;
import io.eksid.model.Partition;
import io.eksid.model.store.ClusterStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.IamException;

class TrustPolicyQuotaSourceTest {

    private static final ClusterInfo CLUSTER = new ClusterInfo("c", null, "111122223333", Partition.AWS,
            "us-west-2", null, null, null, false);

    /** IAM answering GetAccountSummary from a script; every other operation is unsupported. */
    private static final class ScriptedIam implements IamClient {
        final Deque<Supplier<GetAccountSummaryResponse>> script = new ArrayDeque<>();
        int calls;

        @Override
        public GetAccountSummaryResponse getAccountSummary(GetAccountSummaryRequest request) {
            calls++;
            return script.poll().get();
        }

        @Override
        public String serviceName() {
            return "iam";
        }

        @Override
        public void close() {
        }
    }

    private static GetAccountSummaryResponse summary(int quota) {
        return GetAccountSummaryResponse.builder().summaryMapWithStrings(Map.of("AssumeRolePolicySizeQuota", quota,
                "RolesQuota", 1000)).build();
    }

    private static GetAccountSummaryResponse error(String code) {
        throw IamException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void readsARaisedQuotaAndThenOnlyEveryNthPoll() {
        ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());
        ScriptedIam iam = new ScriptedIam();
        iam.script.add(() -> summary(4096));
        iam.script.add(() -> summary(8192));
        TrustPolicyQuotaSource source = new TrustPolicyQuotaSource(iam, store, 3);

        source.refresh();
        assertThat(store.snapshot(CLUSTER).trustPolicyQuota()).isEqualTo(4096);
        source.refresh();
        source.refresh();
        assertThat(iam.calls).isEqualTo(1);
        source.refresh();
        assertThat(store.snapshot(CLUSTER).trustPolicyQuota()).isEqualTo(8192);
    }

    @Test
    void throttlingIsRetriedOnTheNextPollAndAnUnsupportedOperationLeavesTheDefault() {
        ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());
        ScriptedIam iam = new ScriptedIam();
        iam.script.add(() -> error("Throttling"));
        iam.script.add(() -> error("InvalidAction"));
        TrustPolicyQuotaSource source = new TrustPolicyQuotaSource(iam, store, 20);

        assertThatThrownBy(source::refresh).isInstanceOf(IamException.class);
        assertThat(source.refresh()).isEmpty();
        source.refresh();
        assertThat(iam.calls).isEqualTo(2);
        assertThat(store.snapshot(CLUSTER).trustPolicyQuota()).isEqualTo(2048);
    }
}

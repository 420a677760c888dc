package io.eksid.model.plan;

import static io.eksid.model.plan.PlanFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanFormatterTest {

    @Test
    void showsCountsStepsTrustDiffsAndPerServiceAccountSteps() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base()
                .serviceAccount(irsaSa("shop/cart", arn)).serviceAccount(irsaSa("shop/orders", arn))
                .serviceAccount(irsaSa("shop/broken", "not-an-arn"))
                .role(role(arn, irsaTrust("shop/cart", "shop/orders")))
                .workload(deployment("shop", "cart", "cart")).build();
        ConversionPlan plan = planner().plan(snapshot, Selection.allIrsa(), ConversionOptions.defaults());

        String text = new PlanFormatter().format(plan);

        assertThat(text).startsWith("Conversion plan " + plan.id() + " for cluster prod");
        assertThat(text).contains("Summary: 3 selected: 2 to convert, 0 already done, 1 skipped; 6 steps "
                + "(1 trust updates, 2 associations, 1 restarts, 0 clean-up)");
        assertThat(text).contains("  1. Let EKS Pod Identity assume shop-app");
        assertThat(text).contains("--- " + arn + " (current)").contains("+++ " + arn + " (planned)");
        assertThat(text).contains("+      \"Principal\": {\n").contains("+        \"Service\": \"pods.eks.amazonaws.com\"");
        assertThat(text).contains("after: #1");
        assertThat(text).contains("shop/cart -> " + arn).contains("steps: #1 trust:" + arn);
        assertThat(text).contains("shop/broken [MALFORMED_ROLE_ARN]");
    }

    @Test
    void emptyPlanSaysThereIsNothingToDo() {
        String arn = roleArn("shop-app");
        ClusterSnapshot snapshot = base().serviceAccount(irsaSa("shop/cart", arn))
                .role(role(arn, policy(irsaStatement(ACCOUNT, ISSUER, List.of("shop/cart")), POD_IDENTITY_STATEMENT)))
                .association(association("shop/cart", arn, null, null)).build();

        String text = new PlanFormatter().format(planner().plan(snapshot, Selection.allIrsa(),
                ConversionOptions.defaults()));

        assertThat(text).contains("Nothing to do.").contains("Already done (1)");
    }

    @Test
    void unifiedDiffMatchesDiffU() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\n";

        assertThat(UnifiedDiff.diff(before, after, "x", "y")).isEqualTo("""
                --- x
                +++ y
                @@ -2,9 +2,10 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                 i
                 j
                +k
                """);
        assertThat(UnifiedDiff.diff(before, before, "x", "y")).isEmpty();
        assertThat(UnifiedDiff.diff("", "a\n", "x", "y")).isEqualTo("--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n");
    }
}

package io.eksid.model.plan;

import static io.eksid.model.plan.PlanFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodCredentials;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Rules that hold for any cluster: nothing selected is silently dropped, a role's trust is rewritten at most once,
 * a trust update only ever adds access (Pod Identity) and never takes any away, and dependencies come first.
 */
public class ConversionPlannerProperties {

    private final ConversionPlanner planner = planner();
    private final TrustEvaluator evaluator = new TrustEvaluator();

    /**
     * A cluster grown from small numbers: each entry of {@code serviceAccounts} is one IRSA service account whose
     * bits choose its role (shared among {@code roles}), and whether it is cross-account, malformed, on Fargate,
     * associated, already trusted for Pod Identity, and so on.
     */
    public static ClusterSnapshot cluster(List<Integer> serviceAccounts, int roles, int quotaSlack, boolean cleanUp) {
        ClusterSnapshot.Builder b = base().trustPolicyQuota(quotaSlack > 3 ? 2048 : 500 + quotaSlack * 150);
        TreeMap<Integer, List<String>> trustedByRole = new TreeMap<>();
        Set<Integer> podIdentityRoles = new HashSet<>();
        for (int i = 0; i < serviceAccounts.size(); i++) {
            int bits = serviceAccounts.get(i);
            String ns = (bits & 1) == 0 ? "shop" : "kube-system";
            String name = "sa" + i;
            String sa = ns + "/" + name;
            int pick = (bits >> 1) % 8;
            int role = pick < 6 ? pick % roles : pick == 6 ? roles : roles + 1;
            String arn;
            if (role == roles) {
                arn = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/remote" + (bits % 2);
            } else if (role == roles + 1) {
                arn = (bits & 8) == 0 ? roleArn("teams/missing" + i) : "arn:aws:iam::12:role/bad";
            } else {
                arn = roleArn((role % 2 == 0 ? "" : "teams/x/") + "role" + role);
                if ((bits & 16) == 0) {
                    trustedByRole.computeIfAbsent(role, k -> new ArrayList<>()).add(sa);
                } else {
                    trustedByRole.computeIfAbsent(role, k -> new ArrayList<>());
                }
                if ((bits & 32) != 0) {
                    podIdentityRoles.add(role);
                }
                if ((bits & 64) != 0) {
                    b.association(association(sa, (bits & 128) == 0 ? arn : roleArn("elsewhere"), null, null));
                }
            }
            b.serviceAccount(irsaSa(sa, arn));
            boolean fargate = (bits & 256) != 0 && (bits & 512) != 0;
            b.workload(new WorkloadInfo(ns, new WorkloadRef("Deployment", name), name, 1, fargate, false));
            b.pod(pod(ns, name + "-1", name, new WorkloadRef("Deployment", name), PodCredentials.irsaVars(arn)));
        }
        b.serviceAccount(ServiceAccountInfo.of("shop", "unselected", java.util.Map.of()));
        for (int r = 0; r < roles; r++) {
            List<String> trusted = trustedByRole.getOrDefault(r, List.of());
            List<String> statements = new ArrayList<>();
            List<String> subjects = new ArrayList<>(trusted);
            subjects.add("shop/unselected");
            statements.add(irsaStatement(ACCOUNT, ISSUER, subjects));
            statements.add(irsaStatement(ACCOUNT, OTHER_ISSUER, subjects));
            if (podIdentityRoles.contains(r)) {
                statements.add(POD_IDENTITY_STATEMENT);
            }
            b.role(role(roleArn((r % 2 == 0 ? "" : "teams/x/") + "role" + r),
                    policy(statements.toArray(String[]::new))));
        }
        b.role(role("arn:aws:iam::" + OTHER_ACCOUNT + ":role/remote0",
                policy(irsaStatement(OTHER_ACCOUNT, ISSUER, List.of("shop/sa0")))));
        return b.build();
    }

    public static ConversionOptions options(boolean cleanUp, boolean writable) {
        ConversionOptions o = ConversionOptions.defaults().withRemoveAnnotationAfterVerify(cleanUp)
                .withRemoveOidcTrustAfterVerify(cleanUp);
        return writable ? o.withWritableAccounts(Set.of(OTHER_ACCOUNT)) : o;
    }

    @Property(tries = 200)
    void everySelectedServiceAccountIsPlannedSkippedOrDone(
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 1023) Integer> serviceAccounts,
            @ForAll @IntRange(min = 1, max = 3) int roles, @ForAll @IntRange(min = 0, max = 12) int quotaSlack,
            @ForAll boolean cleanUp, @ForAll boolean writable) {
        ClusterSnapshot snapshot = cluster(serviceAccounts, roles, quotaSlack, cleanUp);
        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), options(cleanUp, writable));

        List<ServiceAccountRef> selected = snapshot.serviceAccounts().stream()
                .filter(sa -> sa.irsaRoleArn().isPresent()).map(ServiceAccountInfo::ref).sorted().toList();
        List<ServiceAccountRef> accounted = Stream.of(
                plan.planned().stream().map(PlannedServiceAccount::serviceAccount),
                plan.skipped().stream().map(SkippedItem::serviceAccount),
                plan.alreadyDone().stream().map(AlreadyDone::serviceAccount)).flatMap(s -> s).sorted().toList();
        assertThat(accounted).isEqualTo(selected);
        assertThat(plan.skipped()).allSatisfy(s -> assertThat(s.detail()).isNotBlank());
        plan.skipped().forEach(s -> Statistics.label("skip reasons").collect(s.reason()));
        assertThat(plan.summary().serviceAccountsSelected()).isEqualTo(selected.size());
        ConversionPlannerTest.assertStepsOrdered(plan);
    }

    @Property(tries = 200)
    void atMostOneTrustUpdatePerRoleAndItOnlyAddsPodIdentity(
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 1023) Integer> serviceAccounts,
            @ForAll @IntRange(min = 1, max = 3) int roles, @ForAll @IntRange(min = 0, max = 12) int quotaSlack,
            @ForAll boolean cleanUp) throws PolicyParseException {
        ClusterSnapshot snapshot = cluster(serviceAccounts, roles, quotaSlack, cleanUp);
        ConversionPlan plan = planner.plan(snapshot, Selection.allIrsa(), options(cleanUp, true));

        List<StepAction.UpdateRoleTrust> updates = plan.actions(StepAction.UpdateRoleTrust.class);
        assertThat(updates).extracting(StepAction.UpdateRoleTrust::roleArn).doesNotHaveDuplicates();
        Statistics.label("trust updates").collect(updates.isEmpty() ? "none" : "some");
        Statistics.label("shared role update").collect(updates.stream().anyMatch(u -> u.serviceAccounts().size() > 1));
        List<ServiceAccountRef> everyone = snapshot.serviceAccounts().stream().map(ServiceAccountInfo::ref).toList();
        List<RoleArn> callers = List.of(RoleArn.parse(roleArn("caller")),
                RoleArn.parse("arn:aws:iam::" + OTHER_ACCOUNT + ":role/other"));
        for (StepAction.UpdateRoleTrust u : updates) {
            TrustPolicy before = TrustPolicy.parse(u.beforePolicy());
            TrustPolicy after = TrustPolicy.parse(u.afterPolicy());
            assertThat(evaluator.podIdentity(before, CLUSTER).allowed()).isFalse();
            assertThat(evaluator.podIdentity(after, CLUSTER).allowed()).isTrue();
            assertThat(u.charactersAfter()).isLessThanOrEqualTo(u.quota());
            for (ServiceAccountRef sa : everyone) {
                if (evaluator.irsa(before, CLUSTER, sa, null).allowed()) {
                    assertThat(evaluator.irsa(after, CLUSTER, sa, null).allowed()).as(sa + " keeps IRSA").isTrue();
                }
            }
            for (RoleArn caller : callers) {
                if (evaluator.sourceRole(before, caller).allowed()) {
                    assertThat(evaluator.sourceRole(after, caller).allowed()).isTrue();
                }
            }
        }
        Statistics.label("trust updates").coverage(c -> c.check("some").percentage(p -> p >= 10));
        assertThat(plan.steps()).filteredOn(s -> s.kind().cleanUp()).allSatisfy(s -> assertThat(s.dependsOn())
                .isNotEmpty().allMatch(d -> d.startsWith("verify:")));
    }

    @Property(tries = 100)
    void planningIsDeterministic(
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1023) Integer> serviceAccounts,
            @ForAll @IntRange(min = 1, max = 3) int roles, @ForAll boolean cleanUp) {
        ConversionPlan first = planner.plan(cluster(serviceAccounts, roles, 0, cleanUp), Selection.allIrsa(),
                options(cleanUp, false));
        ConversionPlan second = planner.plan(cluster(serviceAccounts, roles, 0, cleanUp), Selection.allIrsa(),
                options(cleanUp, false));
        assertThat(second).isEqualTo(first);
    }
}

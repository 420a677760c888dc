package io.eksid.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.NamedPolicy;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.ui.UiFixtures;
import io.eksid.ui.inspector.InspectorContent.Field;
import io.eksid.ui.inspector.InspectorContent.Section;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectorModelTest {

    private final IdentityState state = UiFixtures.state();
    private final InspectorModel model = new InspectorModel();

    private static Section section(InspectorContent c, String prefix) {
        return c.sections().stream().filter(s -> s.title().startsWith(prefix)).findFirst().orElseThrow();
    }

    private static String value(Section s, String name) {
        return s.fields().stream().filter(f -> f.name().equals(name)).map(Field::value).findFirst().orElseThrow();
    }

    @Test
    void brokenIrsaServiceAccountExplainsTheDecidingStatementAndOffersNoConversion() {
        InspectorContent c = model.describe(state, "sa:search/indexer");
        Section explain = section(c, "IRSA");
        assertThat(value(explain, "Verdict")).isEqualTo("broken");
        assertThat(value(explain, "Reason")).contains("system:serviceaccount:search:indexer");
        assertThat(c.actions()).contains(InspectorContent.Action.CONVERT_TO_POD_IDENTITY);
    }

    @Test
    void podIdentityServiceAccountListsItsStalePodAndTheAssociation() {
        InspectorContent c = model.describe(state, "sa:pay/worker");
        assertThat(value(section(c, "Pod Identity association"), "Association ID")).isEqualTo("a-1");
        Section pods = section(c, "Pods");
        assertThat(pods.title()).contains("1 on stale credentials");
        assertThat(pods.fields()).singleElement().extracting(Field::tone).isEqualTo("warn");
        assertThat(c.actions()).doesNotContain(InspectorContent.Action.CONVERT_TO_POD_IDENTITY);
    }

    @Test
    void roleShowsItsTrustPolicyWithTheDecidingStatementHighlightedAndTheSizeMeter() {
        InspectorContent c = model.describe(state, "role:arn:aws:iam::111122223333:role/teams/pay/api");
        Section trust = section(c, "Trust policy");
        assertThat(trust.text()).contains("sts:AssumeRoleWithWebIdentity");
        assertThat(trust.highlightFrom()).isGreaterThanOrEqualTo(0);
        assertThat(trust.highlightTo()).isGreaterThan(trust.highlightFrom());
        String[] lines = trust.text().split("\n");
        assertThat(lines[trust.highlightFrom()].trim()).isEqualTo("{");
        assertThat(trust.meter().ratio()).isBetween(0.05, 0.5);
        assertThat(value(section(c, "Role"), "Path")).isEqualTo("/teams/pay/");
        assertThat(section(c, "Used by").fields()).extracting(Field::name).containsExactly("pay/api");
    }

    @Test
    void aRolesPolicyNamesComeFromItsReadPermissionsAndSayWhenTheyWereNotRead() {
        String api = "arn:aws:iam::111122223333:role/teams/pay/api";
        String worker = "arn:aws:iam::111122223333:role/worker";
        ClusterSnapshot s = UiFixtures.snapshot();
        ClusterSnapshot read = new ClusterSnapshot(s.cluster(), s.namespaces(), s.serviceAccounts(), s.pods(),
                s.workloads(), s.associations(), s.addons(), s.roles(), s.unreadableRoles(), s.oidcProviders(),
                s.trustPolicyQuota(), s.agentDaemonSetReady(), s.takenAt(), s.unread(),
                Map.of(api, new RolePermissions(api, List.of(
                        new NamedPolicy(PolicySource.MANAGED, "arn:aws:iam::aws:policy/ReadOnlyAccess", "v1", "{}"),
                        new NamedPolicy(PolicySource.INLINE, "orders-table", null, "{}"),
                        new NamedPolicy(PolicySource.MANAGED, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "v2",
                                "{}")), null, Map.of())),
                Map.of(worker, "AccessDenied reading its policies"));
        IdentityGraph g = IdentityGraph.build(read, new TrustEvaluator());
        IdentityState withPermissions = new IdentityState("prod", read, g, List.of(), List.of(), 1, Instant.EPOCH,
                null);

        Section role = section(model.describe(withPermissions, "role:" + api), "Role");
        assertThat(value(role, "Attached policies")).isEqualTo("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\n"
                + "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(value(role, "Inline policies")).isEqualTo("orders-table");
        Section unread = section(model.describe(withPermissions, "role:" + worker), "Role");
        assertThat(value(unread, "Attached policies")).isEqualTo("not read: AccessDenied reading its policies");
        assertThat(value(section(model.describe(state, "role:" + api), "Role"), "Inline policies"))
                .isEqualTo("not read");
    }

    @Test
    void statementLinesFindsTheNthStatementOfAPrettyPolicy() {
        String pretty = String.join("\n", List.of("{", "  \"Version\": \"2012-10-17\",", "  \"Statement\": [",
                "    {", "      \"Effect\": \"Allow\"", "    },", "    {", "      \"Effect\": \"Deny\"", "    }", "  ]",
                "}"));
        assertThat(PolicyLines.statementLines(pretty, 1)).containsExactly(6, 8);
        assertThat(PolicyLines.statementLines(pretty, 5)).containsExactly(-1, -1);
    }

    @Test
    void aPodWhoseRoleDoesNotTrustItsServiceAccountReadsAsFailingNeverGreen() {
        InspectorContent c = model.describe(state, "pod:search/indexer-0");
        assertThat(c.answer().tone()).isEqualTo(AccessVerdicts.Tone.FAILS);
        assertThat(c.answer().headline()).isEqualTo("This pod's AWS calls fail: role search does not trust "
                + "search/indexer");
        Section identity = section(c, "Effective identity");
        assertThat(identity.fields()).filteredOn(f -> f.name().equals("Really gets")).singleElement()
                .extracting(Field::tone).isEqualTo("error");
        // the service account's finding is shown with the pod, above anything else it lists
        assertThat(c.sections().get(1).title()).startsWith("Findings");
    }

    @Test
    void aPodOnAWorkingMappingIsGreenAndOneOnTheNodeRoleIsNeutral() {
        InspectorContent ok = model.describe(state, "pod:pay/api-0");
        assertThat(ok.answer().tone()).isEqualTo(AccessVerdicts.Tone.WORKS);
        assertThat(ok.answer().headline()).isEqualTo("This pod's AWS calls use role api through IRSA");
        InspectorContent node = model.describe(state, "pod:pay/worker-0");
        assertThat(node.answer().tone()).isEqualTo(AccessVerdicts.Tone.NEUTRAL);
        assertThat(node.actions()).contains(InspectorContent.Action.RESTART_HINT);
    }

    @Test
    void serviceAccountAnswersFirstAndListsFindingsBeforeItsPods() {
        InspectorContent c = model.describe(state, "sa:search/indexer");
        assertThat(c.answer().tone()).isEqualTo(AccessVerdicts.Tone.FAILS);
        List<String> titles = c.sections().stream().map(Section::title).toList();
        int findings = titles.indexOf(titles.stream().filter(t -> t.startsWith("Findings")).findFirst().orElseThrow());
        int pods = titles.indexOf(titles.stream().filter(t -> t.startsWith("Pods")).findFirst().orElseThrow());
        assertThat(findings).isLessThan(pods);
        assertThat(model.describe(state, "sa:pay/worker").answer().headline())
                .isEqualTo("New pods get role worker through Pod Identity");
    }

    @Test
    void convertedServiceAccountOffersTheCleanUpAndAnAssociationNodeExplainsItself() {
        IdentityState converted = UiFixtures.convertedState();
        InspectorContent sa = model.describe(converted, "sa:pay/worker");
        assertThat(sa.actions()).contains(InspectorContent.Action.CLEAN_UP_IRSA)
                .doesNotContain(InspectorContent.Action.CONVERT_TO_POD_IDENTITY);
        assertThat(sa.answer().tone()).isEqualTo(AccessVerdicts.Tone.WORKS);
        InspectorContent assoc = model.describe(state, "assoc:a-1");
        assertThat(assoc.kind()).isEqualTo("Pod Identity association");
        assertThat(value(section(assoc, "Association"), "Association ID")).isEqualTo("a-1");
        assertThat(assoc.answer().tone()).isEqualTo(AccessVerdicts.Tone.WORKS);
    }

    @Test
    void workloadShowsWhatItRunsAsAndItsPods() {
        InspectorContent c = model.describe(state, "wl:pay/Deployment/api");
        assertThat(value(section(c, "Workload"), "Runs as")).isEqualTo("pay/api");
        assertThat(section(c, "Pods").fields()).extracting(Field::name).containsExactlyInAnyOrder("api-0", "api-1");
        assertThat(c.answer().tone()).isEqualTo(AccessVerdicts.Tone.WORKS);
    }

    @Test
    void longArnsBreakAfterColonsAndSlashesOnly() {
        String arn = "arn:aws:iam::111122223333:role/teams/payments/app";
        String shown = ArnText.breakable(arn);
        assertThat(shown.replace("\u200B", "")).isEqualTo(arn);
        assertThat(shown).contains("role/\u200Bteams").doesNotContain("ro\u200Ble");
        assertThat(ArnText.copyable(arn)).isTrue();
        assertThat(ArnText.copyable("IRSA \u2192 " + arn)).isFalse();
    }

    @Test
    void unknownOrVanishedNodesSayTheyAreGone() {
        assertThat(model.describe(state, "sa:gone/away").subtitle()).contains("No longer");
        assertThat(model.describe((IdentityState) null, "sa:x/y")).isEqualTo(InspectorContent.EMPTY);
    }
}

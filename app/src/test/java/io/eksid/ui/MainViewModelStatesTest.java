package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.ui.inspector.InspectorModel;
import io.eksid.ui.tables.TableRows;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The window's view models on hand-made identity states: a fake backend, a synchronous task runner and a
 * synchronous latest-wins delivery, so each state pushed is presented and shown before the next line runs.
 */
class MainViewModelStatesTest {

    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    final FakeBackend backend = new FakeBackend("prod", "staging");
    final Map<String, String> remembered = new java.util.LinkedHashMap<>();
    final MainViewModel vm = new MainViewModel(backend, TaskRunner.synchronous(), Clock.fixed(NOW, ZoneOffset.UTC),
            LatestWins.Factory.synchronous(Clock.fixed(NOW, ZoneOffset.UTC)), new ConsolePreferences(
                    c -> c.equals("prod") ? "prod-admin" : null, remembered::put, false), false);

    static IdentityState withSources(IdentityState s, SourceStatus... sources) {
        return new IdentityState(s.contextName(), s.snapshot(), s.graph(), s.findings(), List.of(sources),
                s.storeVersion() + 1, s.derivedAt(), NOW);
    }

    static SourceStatus source(String name, SourceState state, String reason) {
        return new SourceStatus(name, state, reason, NOW);
    }

    static IdentityState live() {
        return withSources(UiFixtures.state(), source("kube/serviceaccounts", SourceState.LIVE, ""),
                source("kube/pods", SourceState.LIVE, ""), source("aws/roles", SourceState.LIVE, ""));
    }

    @Test
    void startOpensTheCurrentContextWithThePreferencesProfile() {
        vm.start(null);
        assertThat(vm.currentContextProperty().get()).isEqualTo("prod");
        assertThat(vm.contexts()).extracting(c -> c.name()).containsExactly("prod", "staging");
        assertThat(backend.session("prod").profile).isEqualTo("prod-admin");
        assertThat(vm.connectionStateProperty().get()).isEqualTo(SourceState.CONNECTING);
        assertThat(vm.connectionSummaryProperty().get()).isEqualTo("Connecting to prod\u2026");
    }

    @Test
    void aStateIsPresentedOnceWithItsGraphRowsCountsAndConnectionLine() {
        vm.connect("prod");
        IdentityState s = live();
        backend.push(s);
        assertThat(vm.stateProperty().get()).isSameAs(s);
        assertThat(vm.presentationsDelivered()).isEqualTo(1);
        Presentation p = vm.presentationProperty().get();
        assertThat(p.state()).isSameAs(s);
        // the fixture: pay/api on a working IRSA role is convertible; search/indexer's trust names someone else
        assertThat(vm.convertibleCountProperty().get()).isEqualTo(s.graph().convertibleIrsaMappings().size())
                .isPositive();
        assertThat(p.tables().serviceAccounts()).extracting(TableRows.ServiceAccountRow::nodeId)
                .contains("sa:pay/api", "sa:pay/worker", "sa:search/indexer");
        assertThat(p.namespaces()).containsExactly("pay", "search");
        assertThat(vm.connectionStateProperty().get()).isEqualTo(SourceState.LIVE);
        assertThat(vm.connectionSummaryProperty().get()).isEqualTo("prod \u2014 live");
        // small graphs open every namespace: the service accounts are drawn
        assertThat(vm.expanded()).contains("ns:pay", "ns:search");
        assertThat(vm.graphProperty().get().indexOf("sa:pay/api")).isNotNegative();
        assertThat(vm.activity()).extracting(ActivityEntry::summary)
                .contains("Connected to prod: 3 service accounts, 4 pods, 3 roles");
    }

    @Test
    void theConnectionLineNamesEverySourceThatIsNotLiveWithItsReason() {
        vm.connect("prod");
        backend.push(withSources(UiFixtures.state(), source("kube/serviceaccounts", SourceState.LIVE, ""),
                source("kube/pods", SourceState.LIVE, ""),
                source("aws/roles", SourceState.DEGRADED, "Throttling: rate exceeded")));
        assertThat(vm.connectionStateProperty().get()).isEqualTo(SourceState.DEGRADED);
        assertThat(vm.connectionSummaryProperty().get())
                .isEqualTo("prod \u2014 degraded (aws/roles: Throttling: rate exceeded)");
        backend.push(withSources(UiFixtures.state(), source("kube/serviceaccounts", SourceState.CONNECTING, ""),
                source("kube/pods", SourceState.LIVE, ""), source("aws/roles", SourceState.LIVE, "")));
        assertThat(vm.connectionStateProperty().get()).as("still listing is not live")
                .isEqualTo(SourceState.CONNECTING);
    }

    @Test
    void filtersAndCollapsingPresentTheSameStateAgainAndStickAcrossUpdates() {
        vm.connect("prod");
        backend.push(live());
        int all = vm.graphProperty().get().nodeCount();
        vm.namespaceFilterProperty().set(Set.of("search"));
        int search = vm.graphProperty().get().nodeCount();
        assertThat(search).isLessThan(all).isPositive();
        assertThat(vm.graphProperty().get().indexOf("sa:pay/api")).isNegative();
        vm.namespaceFilterProperty().set(Set.of());
        vm.toggle("ns:pay");
        assertThat(vm.expanded()).doesNotContain("ns:pay");
        assertThat(vm.graphProperty().get().indexOf("sa:pay/api")).isNegative();
        // a new state does not open the namespace the user closed
        backend.push(live());
        assertThat(vm.expanded()).doesNotContain("ns:pay");
        assertThat(vm.graphProperty().get().indexOf("sa:pay/api")).isNegative();
        assertThat(vm.graphProperty().get().indexOf("sa:search/indexer")).isNotNegative();
    }

    @Test
    void searchSelectsTheBestMatchAndOpensItsNamespace() {
        vm.connect("prod");
        backend.push(live());
        vm.toggle("ns:search");
        assertThat(vm.search("indexer")).contains("sa:search/indexer");
        assertThat(vm.selectedNodeIdProperty().get()).isEqualTo("sa:search/indexer");
        assertThat(vm.expanded()).contains("ns:search");
        assertThat(vm.search("nothing-is-called-this")).isEmpty();
        assertThat(vm.selectedNodeIdProperty().get()).isEqualTo("sa:search/indexer");
    }

    @Test
    void theInspectorIndexAnswersAsTheScanDid() {
        vm.connect("prod");
        IdentityState s = live();
        backend.push(s);
        Presentation p = vm.presentationProperty().get();
        assertThat(p.inspector().pod("pod:pay/worker-0").uid()).isEqualTo("w0");
        assertThat(p.inspector().association("assoc:a-1").serviceAccount()).isEqualTo("worker");
        assertThat(p.inspector().association("assoc:a-2")).isNull();
        assertThat(p.inspector().serviceAccount("pay", "api").annotations())
                .containsKey("eks.amazonaws.com/role-arn");
        InspectorModel model = new InspectorModel();
        for (String id : List.of("sa:pay/api", "pod:pay/worker-0", "sa:search/indexer", "ns:pay", "assoc:a-1")) {
            assertThat(model.describe(p.inspector(), id)).isEqualTo(model.describe(s, id));
        }
        assertThat(model.describe(p.inspector(), "pod:pay/worker-0").title()).isEqualTo("worker-0");
    }

    @Test
    void aStateOfAContextNoLongerOpenIsNotShown() {
        vm.connect("prod");
        backend.push(live());
        vm.connect("staging");
        assertThat(backend.session("prod").closed).isTrue();
        assertThat(vm.stateProperty().get()).isNull();
        assertThat(vm.graphProperty().get().nodeCount()).isZero();
        backend.push(live()); // the closed session's last state
        assertThat(vm.stateProperty().get()).isNull();
        assertThat(vm.presentationProperty().get()).isNull();
    }

    @Test
    void refreshWaitsUntilEverySourceWasReadAgain() {
        vm.connect("prod");
        backend.push(live());
        vm.refresh();
        assertThat(backend.session("prod").refreshes).isEqualTo(1);
        assertThat(vm.refreshingProperty().get()).isTrue();
        backend.session("prod").awsReadAt = NOW.minusSeconds(5);
        vm.updateFreshness();
        assertThat(vm.refreshingProperty().get()).as("read before the refresh was asked").isTrue();
        backend.session("prod").awsReadAt = NOW;
        vm.updateFreshness();
        assertThat(vm.refreshingProperty().get()).isFalse();
        assertThat(vm.awsReadAtProperty().get()).isEqualTo(NOW);
        assertThat(vm.activity().get(0).summary()).startsWith("AWS data read again for prod at ");
    }

    @Test
    void aChosenClusterIsRememberedAndTheContextOpenedAgain() {
        vm.connect("prod");
        FakeBackend.Session first = backend.session("prod");
        first.clusterCandidates = List.of("prod-east", "prod-west");
        backend.push(live());
        assertThat(vm.clusterChoice()).containsExactly("prod-east", "prod-west");
        vm.chooseCluster("prod-west");
        assertThat(remembered).containsEntry("prod", "prod-west");
        assertThat(first.closed).isTrue();
        assertThat(backend.session("prod")).isNotSameAs(first);
        assertThat(vm.clusterChoice()).isEmpty();
    }

    @Test
    void preferencesThatCannotBeWrittenAreReportedAndTheContextStillReopens() {
        List<String> calls = new ArrayList<>();
        MainViewModel failing = new MainViewModel(backend, TaskRunner.synchronous(), Clock.systemUTC(),
                LatestWins.Factory.synchronous(Clock.systemUTC()), new ConsolePreferences(c -> null, (c, k) -> {
                    calls.add(c + "=" + k);
                    throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
                }, false), false);
        failing.connect("prod");
        failing.chooseCluster("prod-west");
        assertThat(calls).containsExactly("prod=prod-west");
        assertThat(failing.activity()).extracting(ActivityEntry::summary)
                .contains("Could not save preferences: disk full");
        assertThat(failing.currentContextProperty().get()).isEqualTo("prod");
    }

    @Test
    void anUnknownContextIsReportedNotThrown() {
        vm.connect("no-such-context");
        assertThat(vm.connectionStateProperty().get()).isEqualTo(SourceState.ERROR);
        assertThat(vm.connectionSummaryProperty().get())
                .isEqualTo("no-such-context: no context named no-such-context in the kubeconfig");
    }

    @Test
    void readOnlyComesFromThePreferences() {
        MainViewModel readOnly = new MainViewModel(backend, TaskRunner.synchronous(), Clock.systemUTC(),
                LatestWins.Factory.synchronous(Clock.systemUTC()), new ConsolePreferences(c -> null, (c, k) -> { },
                true), false);
        assertThat(readOnly.readOnlyProperty().get()).isTrue();
        assertThat(vm.readOnlyProperty().get()).isFalse();
    }
}

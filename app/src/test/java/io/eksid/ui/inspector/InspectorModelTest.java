package io.eksid.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.ui.UiFixtures;
import io.eksid.ui.inspector.InspectorContent.Field;
import io.eksid.ui.inspector.InspectorContent.Section;
import java.util.List;
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
    void statementLinesFindsTheNthStatementOfAPrettyPolicy() {
        String pretty = String.join("\n", List.of("{", "  \"Version\": \"2012-10-17\",", "  \"Statement\": [",
                "    {", "      \"Effect\": \"Allow\"", "    },", "    {", "      \"Effect\": \"Deny\"", "    }", "  ]",
                "}"));
        assertThat(PolicyLines.statementLines(pretty, 1)).containsExactly(6, 8);
        assertThat(PolicyLines.statementLines(pretty, 5)).containsExactly(-1, -1);
    }

    @Test
    void unknownOrVanishedNodesSayTheyAreGone() {
        assertThat(model.describe(state, "sa:gone/away").subtitle()).contains("No longer");
        assertThat(model.describe(null, "sa:x/y")).isEqualTo(InspectorContent.EMPTY);
    }
}

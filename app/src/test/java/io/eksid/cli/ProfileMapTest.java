package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileMapTest {

    private final ProfileMap map = ProfileMap.parse(List.of(
            "# ledger account first",
            "prod-ledger-* = ledger-admin   # the specific line wins",
            "",
            "prod-* = prod",
            "stage-?? = staging",
            "a.b = literal-dot"), "profiles");

    @Test
    void theFirstMatchingLineWinsAndWildcardsMatchTheWholeName() {
        assertThat(map.profileFor("prod-ledger-eu")).contains("ledger-admin");
        assertThat(map.profileFor("prod-web")).contains("prod");
        assertThat(map.profileFor("stage-01")).contains("staging");
        assertThat(map.profileFor("stage-001")).isEmpty();
        assertThat(map.profileFor("xprod-web")).isEmpty();
        assertThat(map.profileFor("a.b")).contains("literal-dot");
        assertThat(map.profileFor("axb")).isEmpty();
    }

    @Test
    void aBadLineNamesTheFileAndTheLine() {
        assertThatThrownBy(() -> ProfileMap.parse(List.of("ok = p", "broken"), "m.txt"))
                .hasMessage("--profile-map m.txt line 2: expected CONTEXT = PROFILE, got 'broken'");
        assertThatThrownBy(() -> ProfileMap.parse(List.of(" = p"), "m.txt")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> ProfileMap.parse(List.of("c = two words"), "m.txt")).hasMessageContaining("line 1");
    }
}

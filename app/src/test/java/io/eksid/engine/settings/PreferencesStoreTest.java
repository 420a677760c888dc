package io.eksid.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesStoreTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    private PreferencesStore store() {
        return new PreferencesStore(dir.resolve("config/preferences.json"), new ObjectMapper(), clock);
    }

    @Test
    void roundTripsEveryPreference() throws Exception {
        Preferences p = Preferences.defaults().withTheme("DARK").withReadOnly(true)
                .withRefreshInterval(Duration.ofSeconds(90)).withProfileForContext("prod", "corp-admin")
                .withClusterForContext("prod", "arn:aws:eks:us-west-2:111122223333:cluster/prod").withTourSeen(true);
        store().save(p);
        PreferencesStore.Loaded loaded = store().load();
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.preferences()).isEqualTo(p);
    }

    @Test
    void aTourSeenThatIsNotABooleanIsReportedAndTheTourShowsAgain() throws Exception {
        Path f = dir.resolve("config/preferences.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"tourSeen\":\"yes\"}");
        PreferencesStore.Loaded loaded = store().load();
        assertThat(loaded.preferences().tourSeen()).isFalse();
        assertThat(loaded.problems()).singleElement().asString().contains("'tourSeen' must be true or false");
    }

    @Test
    void corruptFileIsMovedAsideReportedAndReplacedByDefaultsWithoutTouchingTheJournal() throws Exception {
        Path journal = dir.resolve("state/journal/plan-1.jsonl");
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, "{\"seq\":1}\n");
        Path f = dir.resolve("config/preferences.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{ \"theme\": \"dark\", ");
        PreferencesStore.Loaded loaded = store().load();
        assertThat(loaded.preferences()).isEqualTo(Preferences.defaults());
        assertThat(loaded.problems()).singleElement().asString().contains("could not be read")
                .contains("preferences.json.corrupt-20260304-050607");
        assertThat(dir.resolve("config/preferences.json.corrupt-20260304-050607")).hasContent("{ \"theme\": \"dark\", ");
        assertThat(journal).hasContent("{\"seq\":1}\n");
    }

    @Test
    void unknownKeysAndBadValuesAreReportedOneByOne() throws Exception {
        Path f = dir.resolve("config/preferences.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"theme\":\"purple\",\"refreshIntervalSeconds\":2,\"readOnly\":\"yes\","
                + "\"profileByContext\":{\"a\":\"p\",\"b\":3},\"colour\":\"red\"}");
        PreferencesStore.Loaded loaded = store().load();
        assertThat(loaded.preferences().theme()).isEqualTo("SYSTEM");
        assertThat(loaded.preferences().refreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(loaded.preferences().readOnly()).isFalse();
        assertThat(loaded.preferences().profileByContext()).isEqualTo(Map.of("a", "p"));
        assertThat(loaded.problems()).hasSize(5).anyMatch(s -> s.contains("'colour'"))
                .anyMatch(s -> s.contains("purple")).anyMatch(s -> s.contains("10 to 3600"));
        assertThat(f).exists();
    }

    @Test
    void foldersFollowThePlatformConventions() {
        Path home = Path.of("/home/ada");
        AppFolders linux = AppFolders.of(Map.of("XDG_STATE_HOME", "/xdg/state"), home, "Linux");
        assertThat(linux.config()).isEqualTo(Path.of("/home/ada/.config/eksid"));
        assertThat(linux.defaultJournalDir()).isEqualTo(Path.of("/xdg/state/eksid/journal"));
        AppFolders mac = AppFolders.of(Map.of(), home, "Mac OS X");
        assertThat(mac.config()).isEqualTo(home.resolve("Library/Application Support/eksid"));
        AppFolders win = AppFolders.of(Map.of("APPDATA", "/r", "LOCALAPPDATA", "/l"), home, "Windows 11");
        assertThat(win.preferencesFile()).isEqualTo(Path.of("/r/eksid/preferences.json"));
        assertThat(win.sandboxDir()).isEqualTo(Path.of("/l/eksid/sandbox"));
    }
}

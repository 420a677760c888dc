package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksid.engine.journal.JournalDamagedException;
import io.eksid.engine.journal.JournalException;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.trust.TrustEvaluator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged journals of a real acme-prod run: a line from a newer format, a line damaged mid-file, garbage appended
 * and a torn last line. None is ever rewritten or shortened; resume refuses every damage but a torn tail, naming
 * the line; rollback undoes what the valid lines prove and leaves the rest, saying which line stops it.
 */
class DamagedJournalTest {

    private static final String READER = "arn:aws:iam::111122223333:role/acme-prod-catalog-reader";

    @TempDir
    Path dir;

    @Test
    void damagedJournalsAreNeverShortenedAndRollBackWhatTheyProve() throws Exception {
        JournalFiles journals = new JournalFiles(dir.resolve("journal"));
        try (ConvertSandbox sb = new ConvertSandbox(dir); ClusterSession session = sb.open(ConvertSandbox.PROD)) {
            var gw = session.gateways(session.writableAccounts());
            ConversionPlan plan = ConvertSandbox.plan(session, ConversionOptions.defaults());
            LiveState before = LiveState.read(gw, plan);
            Path journal = apply(session, plan, journals);
            List<String> lines = Files.readAllLines(journal);

            // A journal from a newer eksid: refused for everything, untouched.
            Path newer = copy(journal, "newer", lines.get(0).replace("\"v\":1", "\"v\":2"), lines.subList(1,
                    lines.size()));
            byte[] newerBytes = Files.readAllBytes(newer);
            assertThatThrownBy(() -> ConvertSandbox.rollback(session).run(newer, e -> { }, null))
                    .isInstanceOf(JournalException.class).hasMessageContaining("line 1")
                    .hasMessageContaining("newer eksid");
            assertThat(Files.readAllBytes(newer)).isEqualTo(newerBytes);

            // One line damaged in the middle: the DONE of the shared role's trust step, cut in half.
            int done = indexOf(lines, "\"kind\":\"DONE\"", "\"step\":\"trust:" + READER + "\"");
            List<String> damaged = new ArrayList<>(lines);
            damaged.set(done, lines.get(done).substring(0, lines.get(done).length() / 2));
            Path mid = copy(journal, "mid", damaged.get(0), damaged.subList(1, damaged.size()));
            byte[] midBytes = Files.readAllBytes(mid);
            assertThatThrownBy(() -> ConvertSandbox.executor(session, ConvertSandbox.FAST).resume(mid, e -> { },
                    new CancellationToken(), ExecutionHook.NONE)).isInstanceOf(JournalDamagedException.class)
                    .hasMessageContaining("line " + (done + 1) + ":").hasMessageContaining("a copy is kept");
            assertThat(Files.readAllBytes(mid)).isEqualTo(midBytes);
            RollbackResult r = ConvertSandbox.rollback(session).run(mid, e -> { }, null);
            assertThat(r.journalDamage()).singleElement().satisfies(d -> assertThat(d)
                    .startsWith("line " + (done + 1) + ":"));
            assertThat(r.failed()).singleElement().satisfies(f -> {
                assertThat(f.stepId()).isEqualTo("trust:" + READER);
                assertThat(f.detail()).contains("journal line " + (done + 1));
            });
            assertThat(r.conflicts()).isEmpty();
            assertThat(r.rolledBack()).hasSizeGreaterThan(10);
            assertThat(r.rolledBack()).allSatisfy(s -> assertThat(s.detail()).doesNotContain("resume"));
            assertThat(Arrays.copyOf(Files.readAllBytes(mid), midBytes.length)).isEqualTo(midBytes);
            LiveState afterMid = LiveState.read(gw, plan);
            assertThat(afterMid.associations()).isEqualTo(before.associations());
            assertThat(new TrustEvaluator().podIdentity(afterMid.trust().get(READER), plan.cluster()).allowed())
                    .as("the unprovable step's change is left as it is").isTrue();
            for (String role : before.trust().keySet()) {
                if (!role.equals(READER)) {
                    assertThat(afterMid.trust().get(role)).as(role).isEqualTo(before.trust().get(role));
                }
            }
            // Put the shared role back by hand, as the report asks.
            gw.cluster().updateAssumeRolePolicy("acme-prod-catalog-reader", before.trust().get(READER).toJson());

            // Garbage appended: resume refuses, rollback undoes everything and reports the line.
            Path garbage = apply(session, ConvertSandbox.plan(session.refreshed(), ConversionOptions.defaults()),
                    journals);
            int garbageLine = Files.readAllLines(garbage).size() + 1;
            Files.writeString(garbage, "{not a journal entry}\n", java.nio.file.StandardOpenOption.APPEND);
            assertThatThrownBy(() -> ConvertSandbox.executor(session, ConvertSandbox.FAST).resume(garbage, e -> { },
                    new CancellationToken(), ExecutionHook.NONE)).hasMessageContaining("line " + garbageLine + ":");
            RollbackResult g = ConvertSandbox.rollback(session).run(garbage, e -> { }, null);
            assertThat(g.journalDamage()).singleElement().satisfies(d -> assertThat(d)
                    .startsWith("line " + garbageLine + ":"));
            assertThat(g.failed()).isEmpty();
            assertThat(g.conflicts()).isEmpty();
            assertThat(LiveState.read(gw, plan)).isEqualTo(before);

            // A torn last line: the one damage a run continues past, with the line kept and acknowledged.
            Path torn = apply(session, ConvertSandbox.plan(session.refreshed(), ConversionOptions.defaults()), journals);
            byte[] full = Files.readAllBytes(torn);
            byte[] cut = Arrays.copyOf(full, full.length - 20);
            Files.write(torn, cut);
            ApplyResult resumed = ConvertSandbox.executor(session, ConvertSandbox.FAST).resume(torn, e -> { },
                    new CancellationToken(), ExecutionHook.NONE);
            assertThat(resumed.outcome()).isEqualTo(ApplyResult.Outcome.COMPLETED);
            assertThat(Arrays.copyOf(Files.readAllBytes(torn), cut.length)).isEqualTo(cut);
            RollbackResult t = ConvertSandbox.rollback(session).run(torn, e -> { }, null);
            assertThat(t.journalDamage()).isEmpty();
            assertThat(t.failed()).isEmpty();
            assertThat(t.conflicts()).isEmpty();
            assertThat(LiveState.read(gw, plan)).isEqualTo(before);
        }
    }

    private static Path apply(ClusterSession session, ConversionPlan plan, JournalFiles journals) {
        ApplyResult r = ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan,
                journals.newRun(plan.id(), Instant.now()), e -> { }, new CancellationToken(), ExecutionHook.NONE);
        assertThat(r.failed()).isEmpty();
        return r.journal();
    }

    private static Path copy(Path journal, String name, String first, List<String> rest) throws Exception {
        Path out = journal.resolveSibling(name + ".jsonl");
        StringBuilder sb = new StringBuilder(first).append('\n');
        rest.forEach(l -> sb.append(l).append('\n'));
        Files.writeString(out, sb, StandardCharsets.UTF_8);
        return out;
    }

    private static int indexOf(List<String> lines, String... parts) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (Arrays.stream(parts).allMatch(l::contains)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + Arrays.toString(parts));
    }

}

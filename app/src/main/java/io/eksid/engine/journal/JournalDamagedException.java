package io.eksid.engine.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The journal holds lines that cannot be trusted, so it cannot be continued. The file itself is left exactly as it
 * was; {@link #copy()} is where a copy was kept before anything else happened.
 */
public final class JournalDamagedException extends JournalException {

    private final Path file;
    private final List<JournalDamage> damage;
    private final Path copy;

    public JournalDamagedException(Path file, List<JournalDamage> damage, Path copy, String advice) {
        super("journal " + file + " is damaged at " + damage.stream().map(JournalDamage::describe)
                .collect(Collectors.joining("; ")) + (copy == null ? "" : " (a copy is kept at " + copy + ")")
                + ". " + advice);
        this.file = file;
        this.damage = List.copyOf(damage);
        this.copy = copy;
    }

    public Path file() {
        return file;
    }

    public List<JournalDamage> damage() {
        return damage;
    }

    public Path copy() {
        return copy;
    }
}

package io.eksid.engine.journal;

import java.util.List;

/**
 * A journal as read: its valid entries in file order, and the lines that could not be trusted.
 *
 * @param entries valid entries, including those after a damaged line
 * @param damage  damaged lines, not counting a torn tail a later run acknowledged
 */
public record JournalReading(List<JournalEntry> entries, List<JournalDamage> damage) {

    public JournalReading {
        entries = List.copyOf(entries);
        damage = List.copyOf(damage);
    }
}

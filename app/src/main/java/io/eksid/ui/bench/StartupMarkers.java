package io.eksid.ui.bench;

import java.io.PrintStream;

/**
 * The window's side of {@code eksid bench startup}'s protocol: one line on standard output when the window first
 * shows a graph ("graph cached" for the last session's snapshot, else "graph live") and one when it shows the
 * settled live graph ("graph settled": every source past its first read). Each line is said once; the benchmark
 * ends the process.
 */
public final class StartupMarkers {

    private final PrintStream out;
    private boolean first;
    private boolean settled;

    /** On standard output, where the benchmark reads them. */
    public StartupMarkers() {
        this(System.out);
    }

    public StartupMarkers(PrintStream out) {
        this.out = out;
    }

    /** Called on the UI thread after each graph shown. */
    public void graphShown(boolean cached, boolean isSettled) {
        if (!first) {
            first = true;
            out.println(cached ? "graph cached" : "graph live");
        }
        if (isSettled && !settled) {
            settled = true;
            out.println("graph settled");
        }
        out.flush();
    }
}

package io.eksid.ui.palette;

/** One line of the command palette: an action to run or a node to go to. */
public record PaletteEntry(String title, String detail, Kind kind, Runnable run) {

    public enum Kind {
        ACTION,
        NODE
    }

    @Override
    public String toString() {
        return title;
    }
}

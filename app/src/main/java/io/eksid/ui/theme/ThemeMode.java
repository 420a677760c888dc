package io.eksid.ui.theme;

/** The user's theme choice. */
public enum ThemeMode {
    /** Follow the operating system's light/dark setting. */
    SYSTEM,
    LIGHT,
    DARK
}

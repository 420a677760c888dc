package io.eksid.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.Parent;

/**
 * Applies the AtlantaFX Primer theme as the user-agent stylesheet, light or dark, and marks the root with the
 * {@code :dark} pseudo-class so the console's own stylesheet can adapt.
 */
public final class ThemeManager {

    public static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final ObjectProperty<ThemeMode> mode = new SimpleObjectProperty<>(ThemeMode.SYSTEM);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();
    private final BooleanSupplier systemPrefersDark;
    private Parent root;

    public ThemeManager(BooleanSupplier systemPrefersDark) {
        this.systemPrefersDark = Objects.requireNonNull(systemPrefersDark);
        mode.addListener((o, a, b) -> apply());
    }

    public ObjectProperty<ThemeMode> modeProperty() {
        return mode;
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    /** Attaches the theme to a scene root and applies it. */
    public void attach(Parent sceneRoot) {
        this.root = sceneRoot;
        apply();
    }

    public void toggle() {
        mode.set(dark.get() ? ThemeMode.LIGHT : ThemeMode.DARK);
    }

    private void apply() {
        boolean isDark = switch (mode.get()) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> systemPrefersDark.getAsBoolean();
        };
        Application.setUserAgentStylesheet(isDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (root != null) {
            root.pseudoClassStateChanged(DARK, isDark);
        }
        dark.set(isDark);
    }
}

package io.eksid.ui.graph;

import javafx.scene.paint.Color;

/**
 * Colours of the graph for one theme. Mapping colours are chosen to stay distinct for common colour blindness;
 * the change flash is a pale teal of its own, never the orange of "shadowed" or the red of "broken".
 */
public record GraphPalette(Color background, Color groupFill, Color groupStroke, Color nodeFill, Color nodeStroke,
                           Color text, Color mutedText, Color namespaceFill, Color roleFill, Color missingFill,
                           Color irsa, Color podIdentity, Color both, Color broken, Color structural,
                           Color highlight, Color selection, Color flash, Color stale, Color unsupported,
                           Color problem, Color convertible) {

    public static GraphPalette light() {
        return new GraphPalette(Color.web("#f6f8fa"), Color.web("#ffffff"), Color.web("#d0d7de"),
                Color.web("#ffffff"), Color.web("#8c959f"), Color.web("#1f2328"), Color.web("#656d76"),
                Color.web("#ddf4ff"), Color.web("#fff8c5"), Color.web("#ffebe9"),
                Color.web("#0969da"), Color.web("#1a7f37"), Color.web("#bc4c00"), Color.web("#cf222e"),
                Color.web("#8c959f"), Color.web("#8250df"), Color.web("#0969da"), Color.web("#b6f0ef"),
                Color.web("#bf8700"), Color.web("#6e7781"), Color.web("#cf222e"), Color.web("#0969da"));
    }

    public static GraphPalette dark() {
        return new GraphPalette(Color.web("#0d1117"), Color.web("#161b22"), Color.web("#30363d"),
                Color.web("#21262d"), Color.web("#6e7681"), Color.web("#e6edf3"), Color.web("#8d96a0"),
                Color.web("#0c2d6b"), Color.web("#3b2e00"), Color.web("#490202"),
                Color.web("#4493f8"), Color.web("#3fb950"), Color.web("#db6d28"), Color.web("#f85149"),
                Color.web("#6e7681"), Color.web("#a371f7"), Color.web("#4493f8"), Color.web("#0f5257"),
                Color.web("#d29922"), Color.web("#8d96a0"), Color.web("#f85149"), Color.web("#4493f8"));
    }

    public Color edge(EdgeStyle s) {
        return switch (s) {
            case IRSA -> irsa;
            case POD_IDENTITY -> podIdentity;
            case BOTH -> both;
            case BROKEN -> broken;
            case TARGET -> podIdentity;
            case RUNS_AS, TRUSTS, UNPROVABLE -> structural;
        };
    }

    public Color fill(NodeStyle s) {
        return switch (s) {
            case NAMESPACE -> namespaceFill;
            case ROLE, TARGET_ROLE -> roleFill;
            case ROLE_MISSING, OIDC_PROVIDER_MISSING, ASSOCIATION_BROKEN -> missingFill;
            case ASSOCIATION -> podIdentity;
            default -> nodeFill;
        };
    }

    public Color badge(NodeBadge b) {
        return switch (b) {
            case STALE -> stale;
            case UNSUPPORTED -> unsupported;
            case PROBLEM -> problem;
            case CONVERTIBLE -> convertible;
            case CLEAN_UP -> podIdentity;
        };
    }
}

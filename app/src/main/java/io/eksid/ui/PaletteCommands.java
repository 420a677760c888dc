package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.graph.GraphNode;
import io.eksid.model.graph.NodeKind;
import io.eksid.ui.graph.GraphPane;
import io.eksid.ui.palette.CommandPalette;
import io.eksid.ui.palette.PaletteEntry;
import io.eksid.ui.theme.ThemeManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What the command palette offers: every toolbar and graph action, and every node of the cluster by name. */
final class PaletteCommands {

    private PaletteCommands() {
    }

    /**
     * @param goTo selects a node in the graph and the inspector
     */
    static CommandPalette create(MainViewModel vm, MainView.Actions actions, ThemeManager theme, GraphPane graph,
                                 Runnable whoCan, Runnable tour, Consumer<String> goTo) {
        List<PaletteEntry> commands = List.of(
                action("Convert IRSA\u2026", "preview the conversion of every IRSA mapping to Pod Identity",
                        () -> actions.convert(List.of())),
                action("New association\u2026", "give a service account a role through Pod Identity", () -> {
                    String sel = vm.selectedNodeIdProperty().get();
                    actions.newAssociation(sel != null && sel.startsWith("sa:") ? sel : null);
                }),
                action("Refresh", "read the AWS side again now", vm::refresh),
                action("Fit graph", "show the whole graph (F)", graph.canvas()::fit),
                action("Toggle theme", "switch light / dark", theme::toggle),
                action("Who can\u2026?", "which service accounts and pods may call an action (Ctrl+Shift+W)", whoCan),
                action("Export PNG\u2026", "the whole graph as an image", () -> graph.export("png")),
                action("Export SVG\u2026", "the whole graph as a vector drawing", () -> graph.export("svg")),
                action("Guided tour", "a broken mapping, a service account ready to convert, the Convert button",
                        tour));
        return new CommandPalette(commands, () -> nodes(vm.stateProperty().get(), goTo));
    }

    private static PaletteEntry action(String title, String detail, Runnable run) {
        return new PaletteEntry(title, detail, PaletteEntry.Kind.ACTION, run);
    }

    /** Every node but pods (there may be tens of thousands; the search box finds them). */
    private static List<PaletteEntry> nodes(IdentityState s, Consumer<String> goTo) {
        List<PaletteEntry> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (GraphNode n : s.graph().nodes()) {
            if (n.kind() == NodeKind.POD) {
                continue;
            }
            out.add(new PaletteEntry(n.label(), kindName(n.kind()), PaletteEntry.Kind.NODE,
                    () -> goTo.accept(n.id())));
        }
        return out;
    }

    private static String kindName(NodeKind k) {
        return switch (k) {
            case NAMESPACE -> "namespace";
            case WORKLOAD -> "workload";
            case POD -> "pod";
            case SERVICE_ACCOUNT -> "service account";
            case ASSOCIATION -> "association";
            case ROLE -> "role";
            case OIDC_PROVIDER -> "OIDC provider";
        };
    }
}

package io.eksid.ui.inspector;

import static io.eksid.ui.FxToolkit.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.ui.FxToolkit;
import io.eksid.ui.inspector.InspectorContent.Action;
import io.eksid.ui.inspector.InspectorContent.Field;
import io.eksid.ui.inspector.InspectorContent.Section;
import java.util.List;
import javafx.scene.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inspector rebuilds its controls only when what it shows changed, not on every presentation. */
class InspectorViewTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.start();
    }

    private static InspectorContent serviceAccount(String identity) {
        return new InspectorContent("sa:checkout/cart-cache", "service account", "cart-cache", "namespace checkout",
                List.of(new Section("Identity", List.of(new Field("New pods get", identity, "ok")), null, -1, -1,
                        null)),
                List.of(Action.NEW_ASSOCIATION));
    }

    @Test
    void equalContentKeepsTheControlsOnScreenAndChangedContentReplacesThem() throws Exception {
        InspectorView view = onFx(InspectorView::new);
        Node first = onFx(() -> {
            view.show(serviceAccount("no role"));
            return view.getContent().lookup("#inspector-new-association");
        });
        Node again = onFx(() -> {
            view.show(serviceAccount("no role")); // an equal copy, as the next presentation brings it
            return view.getContent().lookup("#inspector-new-association");
        });
        assertThat(first).isNotNull();
        assertThat(again).isSameAs(first);

        Node changed = onFx(() -> {
            view.show(serviceAccount("IRSA -> arn:aws:iam::111122223333:role/cart"));
            return view.getContent().lookup("#inspector-new-association");
        });
        assertThat(changed).isNotNull().isNotSameAs(first);
    }
}

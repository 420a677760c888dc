package io.eksid.ui.inspector;

import java.util.List;

/**
 * What the inspector shows for the selected node, as plain data (built off the FX thread, tested without it).
 *
 * @param subjectId the graph node id it describes
 */
public record InspectorContent(String subjectId, String kind, String title, String subtitle, List<Section> sections,
                               List<Action> actions, AccessVerdicts.Verdict answer) {

    public static final InspectorContent EMPTY = new InspectorContent(null, "", "Nothing selected",
            "Select a node in the graph or a row in a table.", List.of(), List.of());

    public InspectorContent {
        sections = List.copyOf(sections);
        actions = List.copyOf(actions);
    }

    /** Content without a one-line answer (namespaces, roles, providers). */
    public InspectorContent(String subjectId, String kind, String title, String subtitle, List<Section> sections,
                            List<Action> actions) {
        this(subjectId, kind, title, subtitle, sections, actions, null);
    }

    /** The same content with sections added at the end (extensions such as a permissions section). */
    public InspectorContent withSections(List<Section> more) {
        List<Section> all = new java.util.ArrayList<>(sections);
        all.addAll(more);
        return new InspectorContent(subjectId, kind, title, subtitle, all, actions, answer);
    }

    /** A titled block of name/value fields, optionally a monospaced text with highlighted lines and a meter. */
    public record Section(String title, List<Field> fields, String text, int highlightFrom, int highlightTo,
                          Meter meter) {
        public Section {
            fields = List.copyOf(fields);
        }

        public static Section fields(String title, List<Field> fields) {
            return new Section(title, fields, null, -1, -1, null);
        }
    }

    /** One row; {@code tone} colours it (ok, warn, error, muted, or empty). */
    public record Field(String name, String value, String tone) {
        public static Field of(String name, String value) {
            return new Field(name, value == null ? "" : value, "");
        }
    }

    /** A filled bar: the trust policy size against the account's quota. */
    public record Meter(double ratio, String label) {
    }

    /** Buttons the inspector offers for the subject. */
    public enum Action { CONVERT_TO_POD_IDENTITY, NEW_ASSOCIATION, COPY_ARN, RESTART_HINT, CLEAN_UP_IRSA }
}

package io.eksid.ui.inspector;

import io.eksid.model.NamedPolicy;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.graph.MappingCheck;
import io.eksid.model.trust.TrustDecision;
import io.eksid.ui.inspector.InspectorContent.Field;
import io.eksid.ui.inspector.InspectorContent.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sections the inspector shows for several kinds of node: a mapping's verdict, an association's fields. */
final class InspectorSections {

    private InspectorSections() {
    }

    static Section explain(String title, MappingCheck check, String roleArn) {
        List<Field> f = new ArrayList<>();
        f.add(Field.of("Role", roleArn));
        if (check == null) {
            f.add(new Field("Verdict", "not evaluated", "muted"));
            return Section.fields(title, f);
        }
        String tone = switch (check.status()) {
            case OK -> "ok";
            case SHADOWED, UNPROVABLE -> "warn";
            case BROKEN -> "error";
        };
        f.add(new Field("Verdict", check.status().name().toLowerCase(java.util.Locale.ROOT), tone));
        TrustDecision d = check.decision();
        if (d != null) {
            f.add(Field.of("Deciding statement", d.statementIndex() == null ? "none" : "#" + d.statementIndex()));
            f.add(Field.of("Reason", d.reason()));
        } else if (!check.reason().isEmpty()) {
            f.add(Field.of("Reason", check.reason()));
        }
        return Section.fields(title, f);
    }

    static List<Field> associationFields(PodIdentityAssociation a) {
        List<Field> f = new ArrayList<>();
        f.add(Field.of("Association ID", a.associationId()));
        f.add(Field.of("ARN", a.associationArn()));
        f.add(Field.of("Cluster", a.clusterName()));
        f.add(Field.of("Namespace", a.namespace()));
        f.add(Field.of("Service account", a.serviceAccount()));
        f.add(Field.of("Role", a.roleArn()));
        f.add(Field.of("Target role", a.targetRoleArn() == null ? "\u2014" : a.targetRoleArn()));
        f.add(Field.of("Session tags", a.disableSessionTags() ? "disabled" : "enabled"));
        f.add(Field.of("Session policy", a.policy() == null ? "\u2014" : a.policy()));
        f.add(Field.of("External ID", a.externalId() == null ? "\u2014" : a.externalId()));
        f.add(new Field("Owner", a.ownerArn() == null ? "\u2014 (managed directly)"
                : a.ownerArn() + " (owned by an add-on: change it through the add-on)", a.ownedByAddon() ? "warn" : ""));
        f.add(Field.of("Created", String.valueOf(a.createdAt())));
        f.add(Field.of("Modified", String.valueOf(a.modifiedAt())));
        a.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> f.add(Field.of("tag " + e.getKey(), e.getValue())));
        return f;
    }

    /** The names of a role's policies of one kind; "not read" (with the reason when known) until they are. */
    static String policyNames(Optional<RolePermissions> permissions, String whyNot, PolicySource source,
                                      String separator) {
        if (permissions.isEmpty()) {
            return whyNot == null ? "not read" : "not read: " + whyNot;
        }
        List<String> names = permissions.get().identityPolicies().stream().filter(p -> p.source() == source)
                .map(NamedPolicy::name).sorted().toList();
        return names.isEmpty() ? "\u2014" : String.join(separator, names);
    }
}

package io.eksid.ui.inspector;

import static io.eksid.ui.inspector.InspectorSections.associationFields;
import static io.eksid.ui.inspector.InspectorSections.explain;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.PolicySource;
import io.eksid.model.RolePermissions;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.findings.Finding;
import io.eksid.model.graph.EffectiveIdentity;
import io.eksid.model.graph.GraphEdge;
import io.eksid.model.graph.GraphNode;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.MappingCheck;
import io.eksid.model.graph.NodeId;
import io.eksid.model.graph.NodeIds;
import io.eksid.model.graph.ResolvedRole;
import io.eksid.model.graph.RoleAvailability;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.model.trust.PolicySize;
import io.eksid.ui.inspector.InspectorContent.Action;
import io.eksid.ui.inspector.InspectorContent.Field;
import io.eksid.ui.inspector.InspectorContent.Meter;
import io.eksid.ui.inspector.InspectorContent.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the inspector's content for a node of the identity graph. Pure: no FX, no I/O. */
public final class InspectorModel {

    /** Pods listed per service account before "and N more". */
    static final int POD_ROWS = 50;

    public InspectorContent describe(IdentityState state, String nodeId) {
        return describe(state == null ? null : InspectorIndex.of(state), nodeId);
    }

    /** As {@link #describe(IdentityState, String)}, with the lookups of an index built off the UI thread. */
    public InspectorContent describe(InspectorIndex ix, String nodeId) {
        if (ix == null || nodeId == null) {
            return InspectorContent.EMPTY;
        }
        IdentityGraph g = ix.state().graph();
        GraphNode node = g.node(nodeId).orElse(null);
        if (node == null) {
            return new InspectorContent(nodeId, "", nodeId, "No longer in the cluster.", List.of(), List.of());
        }
        return switch (node.kind()) {
            case SERVICE_ACCOUNT -> serviceAccount(ix, node);
            case ROLE -> role(ix, node);
            case ASSOCIATION -> association(ix, node);
            case POD -> pod(ix, node);
            case WORKLOAD -> workload(ix, node);
            case NAMESPACE -> namespace(ix, node);
            case OIDC_PROVIDER -> oidcProvider(ix, node);
        };
    }

    private InspectorContent serviceAccount(InspectorIndex ix, GraphNode node) {
        IdentityState state = ix.state();
        IdentityGraph g = state.graph();
        ServiceAccountRef ref = ((NodeId.ServiceAccount) NodeId.parse(node.id())).ref();
        ServiceAccountIdentity sa = g.serviceAccount(ref).orElse(null);
        List<Section> sections = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        if (sa == null) {
            return new InspectorContent(node.id(), "Service account", ref.toString(), "", sections, actions);
        }
        var newPod = sa.newPod();
        AccessVerdicts.Verdict answer = AccessVerdicts.newPods(g, sa);
        List<Field> identity = new ArrayList<>();
        identity.add(new Field("New pods get", describeMechanism(newPod.mechanism().name(), newPod.roleArn()),
                answer.fieldTone()));
        if (!newPod.reason().isEmpty()) {
            identity.add(new Field("Why", newPod.reason(), "muted"));
        }
        if (!sa.exists()) {
            identity.add(new Field("Exists", "no \u2014 referenced but not in the cluster", "error"));
        }
        if (AccessVerdicts.cleanUpPending(g, sa)) {
            identity.add(new Field("Conversion", "converted: association " + sa.association().associationId()
                    + " works; the IRSA annotation is left over and can be removed (Finish clean-up)", "ok"));
            actions.add(Action.CLEAN_UP_IRSA);
        }
        sections.add(Section.fields("Identity", identity));
        addFindings(ix, node.id(), sections);
        if (sa.association() != null) {
            addFindings(ix, NodeIds.association(sa.association().associationId(), ref), sections);
        }

        List<Field> annotations = new ArrayList<>();
        java.util.Optional.ofNullable(ix.serviceAccount(ref.namespace(), ref.name()))
                .ifPresent(info -> info.annotations().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> annotations.add(Field.of(e.getKey(), e.getValue()))));
        if (!annotations.isEmpty()) {
            sections.add(Section.fields("Annotations", annotations));
        }
        if (sa.hasIrsaAnnotation()) {
            sections.add(explain("IRSA \u2014 explain", sa.irsaCheck(), sa.irsaAnnotation()));
            if (!sa.hasAssociation() && sa.irsaRole() != null) {
                actions.add(Action.CONVERT_TO_POD_IDENTITY);
            }
        }
        PodIdentityAssociation a = sa.association();
        if (a != null) {
            sections.add(Section.fields("Pod Identity association", associationFields(a)));
            sections.add(explain("Pod Identity \u2014 explain", sa.podIdentityCheck(), a.roleArn()));
            if (sa.targetRoleCheck() != null) {
                sections.add(explain("Target role \u2014 explain", sa.targetRoleCheck(), a.targetRoleArn()));
            }
        } else {
            actions.add(Action.NEW_ASSOCIATION);
        }
        sections.add(pods(g, g.podsOf(ref)));
        return new InspectorContent(node.id(), "Service account", ref.name(), "namespace " + ref.namespace(),
                sections, actions, answer);
    }

    static String describeMechanism(String mechanism, String roleArn) {
        String m = switch (mechanism) {
            case "POD_IDENTITY" -> "Pod Identity";
            case "IRSA" -> "IRSA";
            case "NODE_ROLE" -> "the node's instance role (no pod identity)";
            default -> "no AWS identity";
        };
        return roleArn == null ? m : m + " \u2192 " + roleArn;
    }

    private static Section pods(IdentityGraph g, List<PodInfo> pods) {
        List<Field> f = new ArrayList<>();
        int stale = 0;
        for (PodInfo p : pods) {
            EffectiveIdentity id = g.effectiveIdentity(p).orElse(null);
            if (id != null && id.stale()) {
                stale++;
            }
            if (f.size() < POD_ROWS) {
                String what = id == null ? "unknown" : describeMechanism(id.mechanism().name(), id.roleArn());
                f.add(new Field(p.name(), p.phase() + " \u00b7 " + what + (id != null && id.stale()
                        ? " \u00b7 STALE: " + id.reason() : ""), id != null && id.stale() ? "warn" : ""));
            }
        }
        if (pods.size() > POD_ROWS) {
            f.add(new Field("\u2026", "and " + (pods.size() - POD_ROWS) + " more", "muted"));
        }
        String title = "Pods (" + pods.size() + (stale > 0 ? ", " + stale + " on stale credentials" : "") + ")";
        if (pods.isEmpty()) {
            f.add(new Field("", "no pods run as this service account", "muted"));
        }
        return Section.fields(title, f);
    }

    private InspectorContent role(InspectorIndex ix, GraphNode node) {
        IdentityState state = ix.state();
        IdentityGraph g = state.graph();
        String arnText = ((NodeId.Role) NodeId.parse(node.id())).arn();
        ResolvedRole rr = g.role(arnText).orElse(null);
        List<Section> sections = new ArrayList<>();
        List<Field> f = new ArrayList<>();
        f.add(Field.of("ARN", arnText));
        if (rr != null && rr.arn() != null) {
            f.add(Field.of("Account", rr.arn().account() + (rr.arn().account().equals(state.snapshot().cluster()
                    .account()) ? " (cluster account)" : " (another account)")));
            f.add(Field.of("Path", rr.arn().path()));
        }
        if (rr != null && rr.availability() != RoleAvailability.READ) {
            f.add(new Field("Readable", rr.availability().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + rr.problem(), "error"));
        }
        if (rr != null && rr.role() != null) {
            // What the role's sessions may do is read once, by the role permissions source.
            Optional<RolePermissions> permissions = state.snapshot().rolePermissions(arnText);
            String whyNot = state.snapshot().unreadablePermissions().get(arnText);
            f.add(Field.of("Attached policies", InspectorSections.policyNames(permissions, whyNot, PolicySource.MANAGED, "\n")));
            f.add(Field.of("Inline policies", InspectorSections.policyNames(permissions, whyNot, PolicySource.INLINE, ", ")));
        }
        sections.add(Section.fields("Role", f));
        addFindings(ix, node.id(), sections);
        addFindings(ix, arnText, sections);

        // Who uses it, with each verdict; the first deciding statement is highlighted in the policy.
        List<Field> users = new ArrayList<>();
        Integer highlight = null;
        for (GraphEdge e : g.edgesTo(node.id())) {
            String from = e.from();
            String who = NodeId.tryParse(from).orElse(null) instanceof NodeId.Association ? g.edgesTo(from).stream().findFirst().map(GraphEdge::from)
                    .orElse(from) : from;
            String via = switch (e.kind()) {
                case IRSA -> "IRSA";
                case ASSOCIATION_ROLE -> "Pod Identity";
                case TARGET_ROLE -> "target role";
                default -> e.kind().name();
            };
            Integer deciding = decidingStatement(g, who, e.kind().name());
            users.add(new Field(NodeId.tryParse(who).orElse(null) instanceof NodeId.ServiceAccount s
                    ? s.ref().toString() : who, via + " \u00b7 " + e.status().name()
                    .toLowerCase(java.util.Locale.ROOT) + (deciding == null ? "" : " \u00b7 statement #" + deciding)
                    + (e.status().name().equals("OK") || e.reason().isEmpty() ? "" : " \u2014 " + e.reason()),
                    e.status().name().equals("OK") ? "ok" : e.status().name().equals("BROKEN") ? "error" : "warn"));
            if (highlight == null) {
                highlight = decidingStatement(g, who, e.kind().name());
            }
        }
        if (users.isEmpty()) {
            users.add(new Field("", "no service account in this cluster uses it", "muted"));
        }
        sections.add(Section.fields("Used by (" + (users.size()) + ")", users));

        if (rr != null && rr.role() != null) {
            String pretty = rr.policy() != null ? rr.policy().toPrettyJson() : rr.role().trustPolicyJson();
            int[] range = highlight == null ? new int[] {-1, -1} : PolicyLines.statementLines(pretty, highlight);
            PolicySize size = PolicySize.measure(rr.role().trustPolicyJson(), state.snapshot().trustPolicyQuota());
            sections.add(new Section("Trust policy" + (highlight == null ? "" : " (statement #" + highlight
                    + " decides)"), rr.parseError() == null ? List.of()
                    : List.of(new Field("Parse error", rr.parseErrorText(), "error")), pretty, range[0], range[1],
                    new Meter(size.ratio(), size.characters() + " of " + size.quota()
                            + " characters (white space not counted)")));
            List<Field> providers = new ArrayList<>();
            if (rr.policy() != null) {
                for (String p : rr.policy().federatedOidcProviderArns()) {
                    boolean ours = state.snapshot().cluster().oidcProviderArn().map(p::equals).orElse(false);
                    providers.add(new Field(p.substring(p.indexOf("oidc-provider/") + 14),
                            ours ? "this cluster" : "another cluster or issuer", ours ? "" : "muted"));
                }
            }
            if (!providers.isEmpty()) {
                sections.add(Section.fields("Clusters trusted via IRSA", providers));
            }
        }
        return new InspectorContent(node.id(), "IAM role", node.label(), arnText, sections, List.of(Action.COPY_ARN));
    }

    private static Integer decidingStatement(IdentityGraph g, String saId, String kind) {
        if (!(NodeId.tryParse(saId).orElse(null) instanceof NodeId.ServiceAccount id)) {
            return null;
        }
        ServiceAccountIdentity sa = g.serviceAccount(id.ref()).orElse(null);
        if (sa == null) {
            return null;
        }
        MappingCheck c = kind.equals("IRSA") ? sa.irsaCheck() : sa.podIdentityCheck();
        return c == null || c.decision() == null ? null : c.decision().statementIndex();
    }

    private InspectorContent association(InspectorIndex ix, GraphNode node) {
        IdentityState state = ix.state();
        IdentityGraph g = state.graph();
        PodIdentityAssociation found = ix.association(node.id());
        List<Section> sections = new ArrayList<>();
        AccessVerdicts.Verdict answer = null;
        addFindings(ix, node.id(), sections);
        if (found != null) {
            ServiceAccountIdentity sa = g.serviceAccount(found.serviceAccountRef()).orElse(null);
            if (sa != null) {
                answer = AccessVerdicts.association(g, sa);
            }
            sections.add(Section.fields("Association", associationFields(found)));
            if (sa != null) {
                sections.add(explain("Pod Identity \u2014 explain", sa.podIdentityCheck(), sa.association() == null
                        ? null : sa.association().roleArn()));
            }
        }
        return new InspectorContent(node.id(), "Pod Identity association", node.label(),
                found == null ? "" : found.namespace() + "/" + found.serviceAccount(), sections, List.of(), answer);
    }

    private InspectorContent pod(InspectorIndex ix, GraphNode node) {
        IdentityState state = ix.state();
        IdentityGraph g = state.graph();
        NodeId.Pod podId = (NodeId.Pod) NodeId.parse(node.id());
        String ns = podId.namespace();
        String name = podId.name();
        PodInfo pod = ix.pod(NodeIds.pod(ns, name));
        List<Section> sections = new ArrayList<>();
        AccessVerdicts.Verdict answer = null;
        if (pod != null) {
            EffectiveIdentity id = g.effectiveIdentity(pod).orElse(null);
            answer = AccessVerdicts.pod(g, pod);
            List<Field> f = new ArrayList<>();
            f.add(Field.of("Service account", pod.serviceAccount()));
            f.add(Field.of("Owner", pod.owner() == null ? "\u2014 (bare pod)" : pod.owner().toString()));
            f.add(Field.of("Node", pod.nodeName()));
            f.add(Field.of("Phase", pod.phase()));
            f.add(Field.of("Started", String.valueOf(pod.startTime())));
            f.add(Field.of("Placement", pod.fargate() ? "Fargate" : pod.windows() ? "Windows node" : "EC2 Linux node"));
            f.add(Field.of("Credential variables", pod.credentials().podIdentity() ? "Pod Identity"
                    : pod.credentials().irsa() ? "IRSA (AWS_ROLE_ARN=" + pod.credentials().irsaRoleArn() + ")" : "none"));
            if (id != null) {
                f.add(new Field("Really gets", describeMechanism(id.mechanism().name(), id.roleArn()),
                        answer.fieldTone()));
                if (!answer.why().isEmpty()) {
                    f.add(new Field("Why", answer.why(), "muted"));
                }
                f.add(new Field("Stale", id.stale() ? "yes \u2014 " + id.reason() : "no", id.stale() ? "warn" : ""));
                f.add(Field.of("A new pod would get", id.expectedForNewPod().name()));
            }
            sections.add(Section.fields("Effective identity", f));
            addFindings(ix, node.id(), sections);
            addFindings(ix, NodeIds.serviceAccount(new ServiceAccountRef(ns, pod.serviceAccount())), sections);
        }
        return new InspectorContent(node.id(), "Pod", name, "namespace " + ns, sections,
                pod != null && g.effectiveIdentity(pod).map(EffectiveIdentity::stale).orElse(false)
                        ? List.of(Action.RESTART_HINT) : List.of(), answer);
    }

    private InspectorContent workload(InspectorIndex ix, GraphNode node) {
        IdentityState state = ix.state();
        IdentityGraph g = state.graph();
        List<Section> sections = new ArrayList<>();
        List<Field> f = new ArrayList<>();
        NodeId.Workload workload = (NodeId.Workload) NodeId.parse(node.id());
        AccessVerdicts.Verdict answer = null;
        List<PodInfo> pods = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        f.add(Field.of("Kind", workload.ref().kind()));
        f.add(Field.of("Namespace", workload.namespace()));
        for (GraphEdge e : g.edgesFrom(node.id())) {
            if (!(NodeId.tryParse(e.to()).orElse(null) instanceof NodeId.ServiceAccount runsAs)) {
                continue;
            }
            f.add(Field.of("Runs as", runsAs.ref().toString()));
            ServiceAccountIdentity sa = g.serviceAccount(runsAs.ref()).orElse(null);
            if (sa != null) {
                answer = AccessVerdicts.newPods(g, sa);
                f.add(new Field("New pods get", describeMechanism(sa.newPod().mechanism().name(),
                        sa.newPod().roleArn()), answer.fieldTone()));
                for (PodInfo p : g.podsOf(sa.ref())) {
                    if (p.owner() != null && p.owner().equals(workload.ref())) {
                        pods.add(p);
                    }
                }
                if (sa.hasIrsaAnnotation() && !sa.hasAssociation() && sa.irsaRole() != null) {
                    actions.add(Action.CONVERT_TO_POD_IDENTITY);
                }
            }
        }
        sections.add(Section.fields("Workload", f));
        addFindings(ix, node.id(), sections);
        sections.add(pods(g, pods));
        long stale = pods.stream().filter(p -> g.effectiveIdentity(p).map(EffectiveIdentity::stale).orElse(false))
                .count();
        if (stale > 0) {
            actions.add(Action.RESTART_HINT);
        }
        return new InspectorContent(node.id(), "Workload", node.label(),
                workload.namespace() + "/" + workload.ref().kind() + "/" + workload.ref().name(), sections, actions,
                answer);
    }

    private InspectorContent namespace(InspectorIndex ix, GraphNode node) {
        IdentityState state = ix.state();
        List<Section> sections = new ArrayList<>();
        long sas = state.graph().serviceAccounts().stream()
                .filter(s -> s.ref().namespace().equals(node.label())).count();
        long irsa = state.graph().serviceAccounts().stream()
                .filter(s -> s.ref().namespace().equals(node.label()) && s.hasIrsaAnnotation()).count();
        long assoc = state.graph().serviceAccounts().stream()
                .filter(s -> s.ref().namespace().equals(node.label()) && s.hasAssociation()).count();
        sections.add(Section.fields("Namespace", List.of(Field.of("Service accounts", String.valueOf(sas)),
                Field.of("IRSA mappings", String.valueOf(irsa)), Field.of("Associations", String.valueOf(assoc)))));
        addFindings(ix, node.id(), sections);
        return new InspectorContent(node.id(), "Namespace", node.label(), "", sections,
                irsa > assoc ? List.of(Action.CONVERT_TO_POD_IDENTITY) : List.of());
    }

    private InspectorContent oidcProvider(InspectorIndex ix, GraphNode node) {
        IdentityState state = ix.state();
        String arn = ((NodeId.OidcProvider) NodeId.parse(node.id())).arn();
        List<Field> f = new ArrayList<>();
        f.add(Field.of("ARN", arn));
        f.add(new Field("In this account", node.exists() ? "yes" : "no \u2014 IRSA trust naming it cannot work",
                node.exists() ? "" : "error"));
        boolean ours = state.snapshot().cluster().oidcProviderArn().map(arn::equals).orElse(false);
        f.add(Field.of("Cluster", ours ? "this cluster's issuer" : "another issuer"));
        List<Section> sections = new ArrayList<>(List.of(Section.fields("OIDC provider", f)));
        addFindings(ix, node.id(), sections);
        return new InspectorContent(node.id(), "OIDC provider", node.label(), arn, sections, List.of());
    }

    private static void addFindings(InspectorIndex ix, String subject, List<Section> sections) {
        List<Field> f = new ArrayList<>();
        for (Finding finding : ix.findingsAbout(subject)) {
            String tone = switch (finding.severity()) {
                case CRITICAL, ERROR -> "error";
                case WARNING -> "warn";
                case INFO -> "muted";
            };
            f.add(new Field(finding.severity() + " " + finding.code(), finding.message()
                    + (finding.fix().isEmpty() ? "" : "\nFix: " + finding.fix()), tone));
        }
        if (!f.isEmpty()) {
            sections.add(Section.fields("Findings (" + f.size() + ")", f));
        }
    }
}

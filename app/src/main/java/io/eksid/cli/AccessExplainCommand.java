package io.eksid.cli;

import io.eksid.model.Arn;
import io.eksid.model.InvalidArnException;
import io.eksid.model.NamedPolicy;
import io.eksid.model.PolicySource;
import io.eksid.model.RoleArn;
import io.eksid.model.RolePermissions;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.access.AccessDecision;
import io.eksid.model.access.AccessDecision.StatementMatch;
import io.eksid.model.access.AccessRequest;
import io.eksid.model.access.PermissionEvaluator;
import io.eksid.model.access.SessionIdentity;
import io.eksid.model.trust.PermissionPolicy;
import io.eksid.model.trust.PolicyParseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid access explain}: may a pod's role session (IRSA or Pod Identity) call this action on this
 * resource, given the role's policies as files? Offline, for scripts and for checking the engine. Exit 0 when
 * the request was evaluated (whatever the decision), 2 for bad input.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Evaluate a role session's permission policies for one request and explain the decision.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the request was evaluated (see decision)", "2:bad input: unreadable or malformed"
                + " policy, invalid flags"})
public final class AccessExplainCommand implements Callable<Integer> {

    static final int EVALUATED = 0;
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--role-arn", required = true, paramLabel = "ARN", description = "The role of the session.")
    String roleArn;

    @Option(names = "--action", required = true, paramLabel = "ACTION", description = "e.g. s3:GetObject.")
    String action;

    @Option(names = "--resource", required = true, paramLabel = "ARN", description = "The resource ARN, or *.")
    String resource;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "An identity policy of the role (managed or inline); repeat for each. JSON or the"
                    + " URL-encoded form IAM returns; - reads standard input.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--boundary", paramLabel = "FILE", description = "The role's permissions boundary.")
    String boundary;

    @Option(names = "--session-policy", paramLabel = "FILE",
            description = "The Pod Identity association's session policy (needs --no-session-tags).")
    String sessionPolicy;

    @Option(names = "--role-tag", paramLabel = "KEY=VALUE", description = "A tag of the role; repeat for each.")
    List<String> roleTags = new ArrayList<>();

    @Option(names = "--context", paramLabel = "KEY=VALUE",
            description = "A request context key (s3:prefix, aws:ResourceTag/team ...); repeat a key for a"
                    + " multi-valued key. Keys not given and not set by the session are unknown.")
    List<String> context = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mechanism mechanism;

    @Option(names = "--service-account", required = true, paramLabel = "NS/NAME",
            description = "The service account whose pods use the role.")
    String serviceAccount;

    @Option(names = "--cluster-arn", paramLabel = "ARN", description = "Pod Identity: the cluster's ARN (the"
            + " eks-cluster-arn and eks-cluster-name session tags).")
    String clusterArn;

    @Option(names = "--pod", paramLabel = "NAME", description = "Pod Identity: the pod asking.")
    String pod;

    @Option(names = "--pod-uid", paramLabel = "UID", description = "Pod Identity: the pod's uid.")
    String podUid;

    @Option(names = "--no-session-tags", description = "Pod Identity: the association disables session tags.")
    boolean noSessionTags;

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format output;

    enum Format { text, json }

    static final class Mechanism {
        @Option(names = "--irsa", required = true, description = "The session comes from IRSA.")
        boolean irsa;

        @Option(names = "--pod-identity", required = true, description = "The session comes from EKS Pod Identity.")
        boolean podIdentity;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            RolePermissions role = role();
            SessionIdentity session = session();
            AccessRequest request = request();
            AccessDecision d = new PermissionEvaluator().evaluate(role, session, request);
            if (output == Format.json) {
                out.println(AccessJson.pretty(json(d)));
            } else {
                text(out, d, session);
            }
            out.flush();
            return EVALUATED;
        } catch (BadInput e) {
            return badInput(out, err, e.getMessage(), e.where);
        }
    }

    private RolePermissions role() throws BadInput {
        RoleArn arn = parseRole(roleArn);
        List<NamedPolicy> identity = new ArrayList<>();
        for (String file : policies) {
            identity.add(policy(PolicySource.INLINE, file, "--policy"));
        }
        NamedPolicy b = boundary == null ? null : policy(PolicySource.BOUNDARY, boundary, "--boundary");
        return new RolePermissions(arn.toString(), identity, b, pairs(roleTags, "--role-tag", true).entrySet()
                .stream().collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue().get(0)),
                        Map::putAll));
    }

    private SessionIdentity session() throws BadInput {
        ServiceAccountRef sa;
        try {
            sa = ServiceAccountRef.parse(serviceAccount);
        } catch (IllegalArgumentException e) {
            throw new BadInput("--service-account", e.getMessage());
        }
        String role = parseRole(roleArn).toString();
        if (mechanism.irsa) {
            for (String[] flag : new String[][] {{"--cluster-arn", clusterArn}, {"--pod", pod},
                    {"--pod-uid", podUid}, {"--no-session-tags", noSessionTags ? "" : null},
                    {"--session-policy", sessionPolicy}}) {
                if (flag[1] != null) {
                    throw new BadInput(flag[0], flag[0] + " is for --pod-identity: IRSA sessions carry neither"
                            + " session tags nor a session policy");
                }
            }
            return SessionIdentity.irsa(role, sa.namespace(), sa.name());
        }
        if (clusterArn == null) {
            throw new BadInput("--cluster-arn", "--pod-identity needs --cluster-arn, the cluster's ARN"
                    + " (arn:aws:eks:<region>:<account>:cluster/<name>)");
        }
        Arn cluster = Arn.tryParse(clusterArn).filter(a -> a.service().equals("eks")
                        && a.resource().matches("cluster/[^/]+"))
                .orElseThrow(() -> new BadInput("--cluster-arn", "'" + clusterArn + "' is not an EKS cluster ARN"
                        + " (arn:aws:eks:<region>:<account>:cluster/<name>)"));
        for (String[] flag : new String[][] {{"--pod", pod}, {"--pod-uid", podUid}}) {
            if (flag[1] != null && flag[1].isBlank()) {
                throw new BadInput(flag[0], "the value is empty");
            }
        }
        String session = null;
        if (sessionPolicy != null) {
            if (!noSessionTags) {
                throw new BadInput("--session-policy", "an association's session policy requires"
                        + " disableSessionTags: add --no-session-tags");
            }
            session = policy(PolicySource.SESSION, sessionPolicy, "--session-policy").document();
        }
        return SessionIdentity.podIdentity(role, cluster.toString(), sa.namespace(), sa.name(), pod, podUid,
                !noSessionTags, session);
    }

    private AccessRequest request() throws BadInput {
        String a = action.strip();
        if (!a.equals("*") && (a.indexOf(':') <= 0 || a.indexOf(':') == a.length() - 1 || a.contains(" "))) {
            throw new BadInput("--action", "'" + action + "' is not service:action, e.g. s3:GetObject");
        }
        String r = resource.strip();
        if (!r.equals("*") && Arn.tryParse(r).isEmpty()) {
            throw new BadInput("--resource", "'" + resource + "' is not an ARN such as"
                    + " arn:aws:s3:::bucket/key, or *");
        }
        return new AccessRequest(a, r, pairs(context, "--context", false));
    }

    /** KEY=VALUE pairs in order; a repeated key collects its values (multi-valued context keys). */
    private static Map<String, List<String>> pairs(List<String> raw, String flag, boolean unique) throws BadInput {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String p : raw) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new BadInput(flag, "'" + p + "' is not KEY=VALUE");
            }
            String key = p.substring(0, eq).strip();
            if (unique && out.containsKey(key)) {
                throw new BadInput(flag, "the tag " + key + " is given twice: a role has one value per tag key");
            }
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(p.substring(eq + 1));
        }
        return out;
    }

    private static RoleArn parseRole(String text) throws BadInput {
        try {
            return RoleArn.parse(text);
        } catch (InvalidArnException e) {
            throw new BadInput("--role-arn", e.getMessage());
        }
    }

    /** Reads and checks a policy file; the decision would otherwise hide a malformed file behind UNKNOWN. */
    private static NamedPolicy policy(PolicySource source, String file, String flag) throws BadInput {
        String text;
        try {
            text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInput(flag, "the policy file '" + file + "' does not exist");
        } catch (IOException | UncheckedIOException e) {
            throw new BadInput(flag, "cannot read the policy file '" + file + "': " + e.getMessage());
        } catch (InvalidPathException e) {
            throw new BadInput(flag, "'" + file + "' is not a valid file path");
        }
        try {
            PermissionPolicy.parse(text);
        } catch (PolicyParseException e) {
            throw new BadInput(flag + " " + file + ": " + e.where(), "the policy " + file + " is not valid: "
                    + e.problem());
        }
        return new NamedPolicy(source, file, null, text);
    }

    static Map<String, Object> json(AccessDecision d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("allowed", d.allowed());
        json.put("decision", d.decision().name());
        List<Map<String, Object>> statements = new ArrayList<>();
        for (StatementMatch s : d.statements()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policy", s.policy());
            m.put("sid", s.sid());
            m.put("index", s.index());
            m.put("effect", s.effect());
            m.put("why", s.why());
            statements.add(m);
        }
        json.put("statements", statements);
        json.put("unknown", d.unknown());
        json.put("reason", d.reason());
        return json;
    }

    private void text(PrintWriter out, AccessDecision d, SessionIdentity s) {
        out.println(d.decision());
        out.println("Request:    " + action.strip() + " on " + resource.strip());
        out.println("Session:    " + (s.mechanism() == SessionIdentity.Mechanism.IRSA ? "IRSA" : "Pod Identity")
                + " session of " + s.roleArn() + " for " + s.namespace() + "/" + s.serviceAccount()
                + (s.podName() == null ? "" : ", pod " + s.podName())
                + (s.mechanism() == SessionIdentity.Mechanism.POD_IDENTITY && !s.sessionTags()
                ? " (session tags disabled)" : ""));
        out.println("Reason:     " + d.reason());
        if (!d.statements().isEmpty()) {
            out.println("Statements:");
            for (StatementMatch m : d.statements()) {
                out.println("  " + m.effect() + " " + m.policy() + " Statement[" + m.index() + "]"
                        + (m.sid() == null || m.sid().isEmpty() ? "" : " (" + m.sid() + ")") + ": " + m.why());
            }
        }
        out.println("Not known:");
        d.unknown().forEach(u -> out.println("  - " + u));
    }

    private int badInput(PrintWriter out, PrintWriter err, String message, String where) {
        if (output == Format.json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message);
            error.put("where", where);
            out.println(AccessJson.pretty(Map.of("error", error)));
            out.flush();
        } else {
            err.println("error: " + where + ": " + message);
            err.flush();
        }
        return BAD_INPUT;
    }

    /** Bad input; {@code where} names the flag (and the place in a policy file). */
    private static final class BadInput extends Exception {
        final String where;

        BadInput(String where, String message) {
            super(message);
            this.where = where;
        }
    }
}

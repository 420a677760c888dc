package io.eksid.cli;

import io.eksid.model.ClusterInfo;
import io.eksid.model.InvalidArnException;
import io.eksid.model.Partition;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.PolicySize;
import io.eksid.model.trust.SessionTags;
import io.eksid.model.trust.TrustDecision;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid trust explain}: may this service account (IRSA), EKS Pod Identity, or this source role assume a
 * role with this trust policy, and which statement decides? Exit code 0 when the policy was evaluated (whatever
 * the verdict), 2 for bad input (unreadable or malformed policy, bad flags).
 */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Evaluate a role trust policy for one question and explain the decision.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the policy was evaluated (see verdict)", "2:bad input: unreadable or malformed policy,"
                + " invalid flags"})
public final class TrustExplainCommand implements Callable<Integer> {

    static final int EVALUATED = 0;
    static final int BAD_INPUT = 2;
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", required = true, paramLabel = "FILE|-",
            description = "The trust policy document: a file, or - for standard input. Raw JSON or the URL-encoded"
                    + " form GetRole returns.")
    String policy;

    @Option(names = "--account", required = true, paramLabel = "ID", description = "The cluster's AWS account.")
    String account;

    @Option(names = "--region", required = true, paramLabel = "R", description = "The cluster's region.")
    String region;

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The cluster name.")
    String cluster;

    @Option(names = "--oidc-issuer", paramLabel = "URL",
            description = "The cluster's OIDC issuer URL (needed for --service-account).")
    String oidcIssuer;

    @Option(names = "--partition", paramLabel = "P",
            description = "aws, aws-cn or aws-us-gov (default: the region's partition).")
    String partition;

    @Option(names = "--role-arn", paramLabel = "ARN", description = "The role the policy belongs to. For IRSA its"
            + " account picks the OIDC provider (cross-account roles trust a provider in their own account).")
    String roleArn;

    @Option(names = "--quota", paramLabel = "N", defaultValue = "2048",
            description = "The account's role trust policy length quota (default: ${DEFAULT-VALUE}).")
    int quota;

    @Option(names = "--output", paramLabel = "json|text", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format output;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Question question;

    @Option(names = "--service-account", paramLabel = "NS/NAME",
            description = "Alone: may this service account assume the role through IRSA? With --pod-identity or"
                    + " --source-role: the association's service account, which sets the kubernetes-namespace and"
                    + " kubernetes-service-account session tags.")
    String serviceAccount;

    @Option(names = "--audience", paramLabel = "A",
            description = "IRSA only: the token audience (default: " + TrustEvaluator.DEFAULT_AUDIENCE + ").")
    String audience;

    @Option(names = "--pod", paramLabel = "NAME",
            description = "With --service-account: the pod asking (the kubernetes-pod-name session tag).")
    String pod;

    @Option(names = "--pod-uid", paramLabel = "UID",
            description = "With --service-account: the pod's uid (the kubernetes-pod-uid session tag).")
    String podUid;

    @Option(names = "--no-session-tags", description = "With --service-account: the association has"
            + " disableSessionTags, so EKS sends no session tags.")
    boolean noSessionTags;

    enum Format { json, text }

    static final class Question {
        @Option(names = "--pod-identity", required = true,
                description = "Ask whether EKS Pod Identity may assume the role for this cluster.")
        boolean podIdentity;

        @Option(names = "--source-role", required = true, paramLabel = "ARN",
                description = "Ask whether a session of this role may assume the role (role chaining; with"
                        + " --service-account, as EKS chains an association to its target role).")
        String sourceRole;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ClusterInfo clusterInfo = clusterInfo();
            Map<String, Object> q = new LinkedHashMap<>();
            TrustPolicy trust = TrustPolicy.parse(readPolicy());
            TrustDecision decision = ask(trust, clusterInfo, q);
            PolicySize size = PolicySize.of(trust, quota);
            if (output == Format.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("question", q);
                json.put("allowed", decision.allowed());
                json.put("verdict", decision.verdict().name());
                json.put("statement", decision.statementIndex());
                json.put("reason", decision.reason());
                Map<String, Object> sizeJson = new LinkedHashMap<>();
                sizeJson.put("characters", size.characters());
                sizeJson.put("quota", size.quota());
                sizeJson.put("fits", size.fits());
                json.put("size", sizeJson);
                out.println(AccessJson.pretty(json));
            } else {
                out.println(decision.verdict() + (decision.statementIndex() == null ? ""
                        : " (statement " + decision.statementIndex() + ")"));
                out.println("Question: " + q.get("summary"));
                out.println("Reason:   " + decision.reason());
                out.println("Size:     " + size.describe() + (size.fits() ? "" : " - exceeds the quota"));
            }
            out.flush();
            return EVALUATED;
        } catch (PolicyParseException e) {
            return badInput(out, err, "the trust policy is not valid: " + e.problem(), e.where());
        } catch (BadFlag e) {
            return badInput(out, err, e.getMessage(), e.flag);
        }
    }

    private TrustDecision ask(TrustPolicy trust, ClusterInfo c, Map<String, Object> q) throws BadFlag {
        TrustEvaluator evaluator = new TrustEvaluator();
        String role = roleArn == null ? "the role" : roleArn;
        q.put("cluster", c.name());
        q.put("clusterArn", c.arn());
        q.put("account", c.account());
        q.put("region", c.region());
        q.put("partition", c.partition().id());
        if (roleArn != null) {
            q.put("roleArn", roleArn);
        }
        boolean podIdentity = question != null && question.podIdentity;
        String sourceRole = question == null ? null : question.sourceRole;
        if (!podIdentity && sourceRole == null) {
            if (serviceAccount == null) {
                throw new BadFlag("--service-account", "ask one question: --service-account NS/NAME (IRSA),"
                        + " --pod-identity or --source-role ARN");
            }
            for (String[] flag : new String[][] {{"--pod", pod}, {"--pod-uid", podUid},
                    {"--no-session-tags", noSessionTags ? "" : null}}) {
                if (flag[1] != null) {
                    throw new BadFlag(flag[0], flag[0] + " sets a Pod Identity session tag: use it with"
                            + " --pod-identity or --source-role (IRSA sessions carry no session tags)");
                }
            }
        } else if (audience != null) {
            throw new BadFlag("--audience", "--audience is the IRSA token audience: use it with --service-account"
                    + " alone");
        }
        SessionTags tags = podIdentity || sourceRole != null ? sessionTags(c, q) : null;
        if (podIdentity) {
            q.put("kind", "pod-identity");
            q.put("principal", "Service " + TrustEvaluator.POD_IDENTITY_SERVICE);
            q.put("actions", List.of(TrustEvaluator.ASSUME_ROLE, TrustEvaluator.TAG_SESSION));
            q.put("summary", "may EKS Pod Identity assume " + role + " for " + (tags == null
                    ? "pods of cluster " + c.name() : who(tags) + " of cluster " + c.name()) + "?");
            return tags == null ? evaluator.podIdentity(trust, c) : evaluator.podIdentity(trust, c, tags);
        }
        if (sourceRole != null) {
            RoleArn source = parseRole(sourceRole, "--source-role");
            q.put("kind", "source-role");
            q.put("sourceRole", source.toString());
            q.put("actions", tags != null && tags.enabled()
                    ? List.of(TrustEvaluator.ASSUME_ROLE, TrustEvaluator.TAG_SESSION)
                    : List.of(TrustEvaluator.ASSUME_ROLE));
            q.put("summary", "may a session of " + source + " assume " + role
                    + (tags == null ? "" : " when EKS chains to it for " + who(tags)) + "?");
            return tags == null ? evaluator.sourceRole(trust, source)
                    : evaluator.sourceRole(trust, source, c, tags);
        }
        ServiceAccountRef sa = serviceAccountRef();
        if (c.oidcProviderArn().isEmpty()) {
            throw new BadFlag("--oidc-issuer", "--service-account needs --oidc-issuer, the cluster's OIDC issuer"
                    + " URL (aws eks describe-cluster --query cluster.identity.oidc.issuer)");
        }
        String audience = this.audience == null ? TrustEvaluator.DEFAULT_AUDIENCE : this.audience;
        // A role in another account trusts the provider created in its own account (cross-account IRSA).
        String roleAccount = roleArn == null ? c.account() : parseRole(roleArn, "--role-arn").account();
        q.put("kind", "irsa");
        q.put("serviceAccount", sa.toString());
        q.put("subject", sa.subject());
        q.put("audience", audience);
        q.put("oidcProviderArn", "arn:" + c.partition().id() + ":iam::" + roleAccount + ":oidc-provider/"
                + c.issuerHostPath().orElseThrow());
        q.put("actions", List.of(TrustEvaluator.ASSUME_ROLE_WITH_WEB_IDENTITY));
        q.put("summary", "may service account " + sa + " of cluster " + c.name() + " assume " + role
                + " through IRSA (audience " + audience + ")?");
        return evaluator.irsa(trust, c, sa, audience, roleAccount);
    }

    /** The association's session tags from --service-account, --pod, --pod-uid, --no-session-tags; null without. */
    private SessionTags sessionTags(ClusterInfo c, Map<String, Object> q) throws BadFlag {
        if (serviceAccount == null) {
            for (String[] flag : new String[][] {{"--pod", pod}, {"--pod-uid", podUid},
                    {"--no-session-tags", noSessionTags ? "" : null}}) {
                if (flag[1] != null) {
                    throw new BadFlag(flag[0], flag[0] + " needs --service-account NS/NAME, the association's"
                            + " service account");
                }
            }
            return null;
        }
        SessionTags tags = SessionTags.forAssociation(c, serviceAccountRef(), !noSessionTags);
        if (pod != null || podUid != null) {
            if ((pod != null && pod.isBlank()) || (podUid != null && podUid.isBlank())) {
                throw new BadFlag(pod != null && pod.isBlank() ? "--pod" : "--pod-uid", "the value is empty");
            }
            tags = tags.forPod(pod, podUid);
        }
        q.put("serviceAccount", tags.namespace() + "/" + tags.serviceAccount());
        Map<String, Object> sent = new LinkedHashMap<>(tags.values());
        q.put("sessionTags", tags.enabled() ? sent : Map.of());
        return tags;
    }

    private static String who(SessionTags tags) {
        String sa = tags.namespace() + "/" + tags.serviceAccount();
        String pod = tags.podName() == null ? "" : " pod " + tags.podName();
        return "service account " + sa + pod + (tags.enabled() ? "" : " (session tags disabled)");
    }

    private ServiceAccountRef serviceAccountRef() throws BadFlag {
        try {
            return ServiceAccountRef.parse(serviceAccount);
        } catch (IllegalArgumentException e) {
            throw new BadFlag("--service-account", e.getMessage());
        }
    }

    private ClusterInfo clusterInfo() throws BadFlag {
        if (!ACCOUNT.matcher(account).matches()) {
            throw new BadFlag("--account", "'" + account + "' is not a 12-digit AWS account ID");
        }
        if (region.isBlank() || !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new BadFlag("--region", "'" + region + "' is not an AWS region such as us-west-2");
        }
        if (cluster.isBlank()) {
            throw new BadFlag("--cluster", "the cluster name is empty");
        }
        Partition p = Partition.ofRegion(region);
        if (partition != null) {
            p = Partition.fromId(partition).orElseThrow(() -> new BadFlag("--partition", "'" + partition
                    + "' is not a partition (expected aws, aws-cn or aws-us-gov)"));
        }
        if (roleArn != null) {
            parseRole(roleArn, "--role-arn");
        }
        return new ClusterInfo(cluster, null, account, p, region, issuer(), null, null, false);
    }

    /**
     * The issuer as an https URL: {@code oidc.eks.../id/X}, {@code https://oidc.eks.../id/X} and either with a
     * trailing slash are the same issuer (condition keys and provider ARNs use it without scheme and slash).
     */
    private String issuer() throws BadFlag {
        if (oidcIssuer == null) {
            return null;
        }
        String s = oidcIssuer.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            s = s.substring("https://".length());
        } else if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new BadFlag("--oidc-issuer", "'" + oidcIssuer + "' is not an https issuer URL (expected"
                    + " https://oidc.eks.<region>.amazonaws.com/id/<ID>)");
        }
        s = ClusterInfo.stripIssuer(s);
        if (s.isEmpty() || s.startsWith("/") || !s.matches("[A-Za-z0-9.-]+(:\\d+)?(/[^\\s/]+)*")) {
            throw new BadFlag("--oidc-issuer", "'" + oidcIssuer + "' is not an issuer URL (expected"
                    + " https://oidc.eks.<region>.amazonaws.com/id/<ID>)");
        }
        return "https://" + s;
    }

    private static RoleArn parseRole(String text, String flag) throws BadFlag {
        try {
            return RoleArn.parse(text);
        } catch (InvalidArnException e) {
            throw new BadFlag(flag, e.getMessage());
        }
    }

    private String readPolicy() throws BadFlag {
        try {
            if (policy.equals("-")) {
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(policy), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadFlag("--policy", "the policy file '" + policy + "' does not exist");
        } catch (java.nio.charset.CharacterCodingException e) {
            // IAM documents are UTF-8 JSON; the JDK's own words here are "Input length = 1".
            throw new BadFlag("--policy", "the policy file '" + policy + "' is not valid UTF-8 text (a binary "
                    + "file?): a trust policy is a JSON document");
        } catch (IOException | UncheckedIOException e) {
            throw new BadFlag("--policy", "cannot read the policy file '" + policy + "': " + e.getMessage());
        } catch (InvalidPathException e) {
            throw new BadFlag("--policy", "'" + policy + "' is not a valid file path");
        }
    }

    private int badInput(PrintWriter out, PrintWriter err, String message, String where) {
        if (output == Format.json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message);
            error.put("where", where);
            out.println(AccessJson.pretty(Map.of("error", error)));
            out.flush();
        } else {
            err.println("error: " + (where != null && where.startsWith("--") ? where + ": " + message
                    : message + (where == null ? "" : " (at " + where + ")")));
            err.flush();
        }
        return BAD_INPUT;
    }

    /** A flag value that is present but wrong; {@code flag} names it for the error's "where". */
    private static final class BadFlag extends Exception {
        final String flag;

        BadFlag(String flag, String message) {
            super(message);
            this.flag = flag;
        }
    }
}

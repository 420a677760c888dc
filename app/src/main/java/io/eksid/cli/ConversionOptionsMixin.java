package io.eksid.cli;

import io.eksid.engine.convert.ConnectionRequest;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.Selection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The flags {@code plan}, {@code apply} and {@code export} share: which cluster, which service accounts, how. */
final class ConversionOptionsMixin {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (repeatable; default: KUBECONFIG, else ~/.kube/config).")
    List<Path> kubeconfigs = new ArrayList<>();

    @Option(names = "--context", paramLabel = "C", description = "Kubeconfig context (default: the current one).")
    String context;

    @Option(names = "--profile", paramLabel = "P",
            description = "AWS profile (default: the context's exec plugin profile, else AWS_PROFILE, else default).")
    String profile;

    @Option(names = "--region", paramLabel = "R", description = "AWS region (default: the context's, else the profile's).")
    String region;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SelectionGroup selection = new SelectionGroup();

    static final class SelectionGroup {
        @Option(names = "--all", description = "Every service account with an IRSA annotation (the default).")
        boolean all;

        @Option(names = "--namespace", paramLabel = "NS", description = "IRSA service accounts of a namespace (repeatable).")
        List<String> namespaces = new ArrayList<>();

        @Option(names = "--service-account", paramLabel = "NS/NAME", description = "One service account (repeatable).")
        List<String> serviceAccounts = new ArrayList<>();
    }

    @Option(names = "--no-restart", description = "Do not rollout-restart workloads (running pods keep IRSA until replaced).")
    boolean noRestart;

    @Option(names = "--remove-annotation", description = "After verification, remove the eks.amazonaws.com/role-arn annotation.")
    boolean removeAnnotation;

    @Option(names = "--remove-oidc-trust", description = "After verification, remove each converted service account's :sub entry from its role's OIDC trust.")
    boolean removeOidcTrust;

    @Option(names = "--cross-account", paramLabel = "chain|skip", defaultValue = "chain",
            description = "Cross-account IRSA roles: chain through a role in the cluster account with targetRoleArn, or skip. Default: ${DEFAULT-VALUE}.")
    String crossAccount;

    @Option(names = "--journal-dir", paramLabel = "DIR",
            description = "Journal folder (default: $XDG_STATE_HOME/eksid/journal, else ~/.local/state/eksid/journal).")
    Path journalDir;

    @Option(names = "--output", paramLabel = "json|table", defaultValue = "table",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String output;

    /** "context acme-prod", or "the current context" when --context was not given: for error headlines. */
    String contextLabel() {
        return context == null || context.isBlank() ? "the kubeconfig's current context" : "context " + context;
    }

    ConnectionRequest connection() {
        return new ConnectionRequest(kubeconfigs, context, profile, region);
    }

    Selection selection() {
        if (selection != null && !selection.serviceAccounts.isEmpty()) {
            List<ServiceAccountRef> refs = new ArrayList<>();
            for (String s : selection.serviceAccounts) {
                refs.add(ServiceAccountRef.parse(s));
            }
            return Selection.serviceAccounts(refs);
        }
        if (selection != null && !selection.namespaces.isEmpty()) {
            return Selection.namespaces(selection.namespaces);
        }
        return Selection.allIrsa();
    }

    ConversionOptions options() {
        ConversionOptions.CrossAccountMode mode = switch (crossAccount.toLowerCase(Locale.ROOT)) {
            case "chain" -> ConversionOptions.CrossAccountMode.CHAIN_TARGET_ROLE;
            case "skip" -> ConversionOptions.CrossAccountMode.SKIP;
            default -> throw new IllegalArgumentException("--cross-account must be chain or skip, not '"
                    + crossAccount + "'");
        };
        return ConversionOptions.defaults().withRestartWorkloads(!noRestart)
                .withRemoveAnnotationAfterVerify(removeAnnotation).withRemoveOidcTrustAfterVerify(removeOidcTrust)
                .withCrossAccount(mode);
    }

    boolean json() {
        String o = output.toLowerCase(Locale.ROOT);
        if (!o.equals("json") && !o.equals("table")) {
            throw new IllegalArgumentException("--output must be json or table, not '" + output + "'");
        }
        return o.equals("json");
    }

    JournalFiles journals() {
        return journalDir != null ? new JournalFiles(journalDir)
                : JournalFiles.defaults(System.getenv(), CliEnvironment.home());
    }
}

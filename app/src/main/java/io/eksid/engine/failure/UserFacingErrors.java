package io.eksid.engine.failure;

import io.eksid.aws.AwsSetupException;
import io.eksid.aws.SsoSignInException;
import io.eksid.engine.journal.JournalException;
import io.eksid.kube.KubeException;
import io.eksid.model.InvalidArnException;
import io.eksid.model.UserFacingError;
import io.eksid.model.trust.PolicyParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an exception into the one error vocabulary ({@link UserFacingError}): whether it was bad input, the cause
 * in one line (the messages of our own exceptions are written for admins; the SDKs' are not shown raw), the fix
 * for the classified failures, and the chain of causes as details. The stack trace is for the log, not for this.
 */
public final class UserFacingErrors {

    private UserFacingErrors() {
    }

    /**
     * @param failed what could not be done, with its object: "cannot read context acme-prod"
     * @param context the kubeconfig context involved, for fixes that name it (may be null)
     */
    public static UserFacingError of(String failed, String context, Throwable error) {
        Throwable e = unwrap(error);
        String cause = message(e);
        UserFacingError.Kind kind = UserFacingError.Kind.FAILED;
        String fix = "";
        if (e instanceof KubeException k) {
            fix = kubeFix(k, context);
            if (k.failure() == io.eksid.kube.KubeFailure.INVALID_CONTEXT) {
                kind = UserFacingError.Kind.BAD_INPUT;
            }
        } else if (e instanceof SsoSignInException) {
            kind = UserFacingError.Kind.BAD_INPUT;
        } else if (e instanceof AwsSetupException) {
            kind = UserFacingError.Kind.BAD_INPUT;
        } else if (e instanceof JournalException) {
            kind = UserFacingError.Kind.BAD_INPUT;
            fix = "Nothing was changed. Keep the journal file as it is; name another run with --resume, or see "
                    + "'eksid rollback --help'.";
        } else if (e instanceof IllegalArgumentException || e instanceof PolicyParseException
                || e instanceof InvalidArnException) {
            kind = UserFacingError.Kind.BAD_INPUT;
        }
        return new UserFacingError(kind, failed, cause, fix, details(error));
    }

    private static String kubeFix(KubeException k, String context) {
        String ctx = context == null || context.isBlank() ? "" : " --context " + context;
        return switch (k.failure()) {
            case UNREACHABLE -> "Check the context's server URL and the network: kubectl" + ctx + " get namespaces";
            case UNAUTHORIZED -> "Refresh the credentials the context's user uses (for aws eks get-token: aws sso "
                    + "login, or the profile's keys), and check the cluster's access entries for that identity.";
            case FORBIDDEN -> "Ask the cluster's admin for list and watch on the resource named above (RBAC).";
            case EXEC_PLUGIN_FAILED -> execFix(k.getMessage(), ctx);
            case CERTIFICATE -> "Check certificate-authority-data (or certificate-authority) of the context's "
                    + "cluster in the kubeconfig.";
            case INVALID_CONTEXT -> "Fix the context's cluster and user entries in the kubeconfig: kubectl config "
                    + "view" + (context == null ? "" : " --minify --context " + context);
            default -> "";
        };
    }

    private static String execFix(String message, String ctx) {
        String m = message == null ? "" : message;
        if (m.contains("could not be started")) {
            return "Install the exec plugin named above or put it on PATH, or correct the user's exec command in "
                    + "the kubeconfig.";
        }
        if (m.contains("did not finish within")) {
            return "The plugin waited for something (a browser sign-in, a prompt): run it once by hand, e.g. "
                    + "kubectl" + ctx + " get namespaces, then try again.";
        }
        return "Run the context's exec plugin by hand to see its own error: kubectl" + ctx + " get namespaces -v=6";
    }

    /** The messages of the chain, outermost first, each "Type: message"; cycles and repeats are cut. */
    static List<String> details(Throwable error) {
        List<String> lines = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String previous = null;
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null && lines.size() < 12;
             t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().strip().replaceAll("\\s+", " ");
            if (m.equals(previous)) {
                continue;
            }
            lines.add(t.getClass().getName() + (m.isEmpty() ? "" : ": " + m));
            previous = m;
        }
        return lines;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.UndeclaredThrowableException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            // An exception without a message is a bug of ours or a library's: name it, the log has the trace.
            return "unexpected " + e.getClass().getSimpleName() + " (details in the log file)";
        }
        return m.strip();
    }
}

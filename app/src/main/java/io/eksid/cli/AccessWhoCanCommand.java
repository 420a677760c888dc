package io.eksid.cli;

import io.eksid.model.access.AccessRequest;
import io.eksid.model.access.PermissionEvaluator;
import io.eksid.model.access.WhoCan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid access who-can}: every service account of a cluster (and each of its running pods, by the identity
 * that pod really carries) with whether its role session may call the action on the resource; allowed ones first.
 */
@Command(name = "who-can", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Which service accounts and pods of a cluster may call an action on a resource (read-only).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered", "1:the cluster could not be read", "2:bad input"})
public final class AccessWhoCanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AccessLiveOptions live = new AccessLiveOptions();

    @Option(names = "--namespace", paramLabel = "NS", description = "Only this namespace (repeatable).")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--output", paramLabel = "table|json", defaultValue = "table",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AccessRequest request;
        try {
            request = live.request();
            if (!output.equals("json") && !output.equals("table")) {
                throw new IllegalArgumentException("--output must be table or json, got '" + output + "'");
            }
        } catch (IllegalArgumentException e) {
            err.println("eksid access who-can: " + e.getMessage());
            return 2;
        }
        return live.evaluate(err, "access who-can", (snapshot, graph) -> {
            WhoCan.Answer answer = new WhoCan(new PermissionEvaluator()).ask(snapshot, graph, request,
                    new LinkedHashSet<>(namespaces));
            if (output.equals("json")) {
                AccessJson.print(out, AccessJson.whoCan(answer));
            } else {
                AccessJson.printWhoCan(out, answer);
            }
            return 0;
        });
    }
}

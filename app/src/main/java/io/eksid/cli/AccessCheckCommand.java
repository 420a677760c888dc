package io.eksid.cli;

import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.access.AccessRequest;
import io.eksid.model.access.PermissionEvaluator;
import io.eksid.model.access.WhoCan;
import io.eksid.model.graph.ServiceAccountIdentity;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid access check}: may this running pod call the action on the resource? Answered for the identity the
 * pod really carries (its credential variables, which may be stale), with the session tags it sends and the
 * statement that decided.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "May one running pod call an action on a resource with its AWS role session (read-only).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "1:the cluster could not be read", "2:bad input (no such pod, bad action)"})
public final class AccessCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AccessLiveOptions live = new AccessLiveOptions();

    @Option(names = "--pod", paramLabel = "NS/NAME", required = true, description = "The pod, e.g. payments/api-7d9f-x2k4q.")
    String pod;

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AccessRequest request;
        String[] ref = pod.strip().split("/", -1);
        try {
            request = live.request();
            if (ref.length != 2 || ref[0].isEmpty() || ref[1].isEmpty()) {
                throw new IllegalArgumentException("--pod must be NAMESPACE/NAME, got '" + pod + "'");
            }
            if (!output.equals("json") && !output.equals("text")) {
                throw new IllegalArgumentException("--output must be text or json, got '" + output + "'");
            }
        } catch (IllegalArgumentException e) {
            err.println("eksid access check: " + e.getMessage());
            return 2;
        }
        return live.evaluate(err, "access check", (snapshot, graph) -> {
            Optional<PodInfo> found = snapshot.pods().stream()
                    .filter(p -> p.namespace().equals(ref[0]) && p.name().equals(ref[1])).findFirst();
            if (found.isEmpty()) {
                err.println("eksid access check: no pod " + pod + " in cluster " + snapshot.cluster().name()
                        + "; pods in namespace " + ref[0] + ": " + String.join(", ", snapshot.pods().stream()
                        .filter(p -> p.namespace().equals(ref[0])).map(PodInfo::name).sorted().limit(20).toList()));
                return 2;
            }
            PodInfo p = found.get();
            ServiceAccountRef saRef = p.serviceAccountRef();
            ServiceAccountIdentity sa = graph.serviceAccount(saRef).orElseThrow(() -> new IllegalStateException(
                    "service account " + saRef + " of pod " + pod + " is not in the graph"));
            WhoCan.PodAnswer answer = new WhoCan(new PermissionEvaluator()).forPod(snapshot, graph, sa, p, request);
            Map<String, String> tags = WhoCan.session(snapshot, sa, answer.mechanism(), answer.roleArn(), p.name(),
                    p.uid()).map(WhoCan::sessionTags).orElse(Map.of());
            if (output.equals("json")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("pod", pod.strip());
                m.put("serviceAccount", saRef.toString());
                m.put("mechanism", answer.mechanism().name());
                m.put("roleArn", answer.roleArn());
                m.put("action", request.action());
                m.put("resource", request.resource());
                m.put("sessionTags", tags);
                m.putAll(AccessJson.decision(answer.decision()));
                AccessJson.print(out, m);
            } else {
                out.println("Pod " + pod.strip() + " (service account " + saRef + ")");
                out.println("Identity: " + answer.mechanism() + (answer.roleArn() == null ? "" : " " + answer.roleArn()));
                out.println("Session tags: " + (tags.isEmpty() ? "none" : tags.toString()));
                out.println(request.action() + " on " + request.resource());
                AccessJson.printDecision(out, answer.decision());
            }
            return 0;
        });
    }

}

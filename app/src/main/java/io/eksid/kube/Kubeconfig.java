package io.eksid.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged kubeconfig: every context from every file, with kubectl's first-wins rules already applied and
 * relative paths already resolved against the file that wrote them. Problems found while loading are kept, so
 * a malformed file is reported without hiding the contexts of the others.
 */
public final class Kubeconfig {

    private final List<Path> files;
    private final List<KubeContext> contexts;
    private final String currentContext;
    private final List<KubeconfigProblem> problems;
    private final Map<String, Map<String, Object>> clusterEntries;
    private final Map<String, Map<String, Object>> userEntries;

    Kubeconfig(List<Path> files, List<KubeContext> contexts, String currentContext, List<KubeconfigProblem> problems,
               Map<String, Map<String, Object>> clusterEntries, Map<String, Map<String, Object>> userEntries) {
        this.files = List.copyOf(files);
        this.contexts = List.copyOf(contexts);
        this.currentContext = currentContext;
        this.problems = List.copyOf(problems);
        this.clusterEntries = Map.copyOf(clusterEntries);
        this.userEntries = Map.copyOf(userEntries);
    }

    /** The files that were considered, in precedence order. */
    public List<Path> files() {
        return files;
    }

    /** All contexts, in the order kubectl lists them by precedence (first definition wins). */
    public List<KubeContext> contexts() {
        return contexts;
    }

    public Optional<KubeContext> context(String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The {@code current-context} of the first file that sets one. */
    public Optional<String> currentContext() {
        return Optional.ofNullable(currentContext);
    }

    public List<KubeconfigProblem> problems() {
        return problems;
    }

    /**
     * A self-contained kubeconfig holding only this context, its cluster and its user, with every path
     * absolute. With {@code withoutExec} the user's exec plugin is left out (the connector runs it itself, with
     * a timeout and its stderr kept).
     */
    public String singleContextYaml(KubeContext context, boolean withoutExec) {
        if (!context.usable()) {
            throw new IllegalArgumentException("context " + context.name() + " cannot be used: " + context.problem());
        }
        Map<String, Object> cluster = clusterEntries.getOrDefault(context.clusterName(), Map.of());
        Map<String, Object> user = new LinkedHashMap<>(userEntries.getOrDefault(context.user(), Map.of()));
        if (withoutExec) {
            user.remove("exec");
        }
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("cluster", context.clusterName());
        ctx.put("user", context.user());
        if (context.namespace() != null) {
            ctx.put("namespace", context.namespace());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("clusters", List.of(Map.of("name", context.clusterName(), "cluster", cluster)));
        root.put("users", List.of(Map.of("name", context.user(), "user", user)));
        root.put("contexts", List.of(Map.of("name", context.name(), "context", ctx)));
        root.put("current-context", context.name());
        try {
            return new ObjectMapper(new YAMLFactory()).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write kubeconfig for context " + context.name(), e);
        }
    }
}

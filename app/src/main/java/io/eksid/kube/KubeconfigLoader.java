package io.eksid.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Loads kubeconfig the way kubectl does: the files in {@code KUBECONFIG} (separated by the OS path separator),
 * else {@code ~/.kube/config}. Merging follows kubectl's rules: for clusters, users and contexts the first file
 * that defines a name wins; {@code current-context} comes from the first file that sets one; relative paths
 * (certificate files, exec commands) are resolved against the file that wrote them. A malformed file is reported
 * as a {@link KubeconfigProblem} (which file, what is wrong) and the other files still load.
 */
public final class KubeconfigLoader {

    private static final String[] PATH_KEYS_CLUSTER = {"certificate-authority"};
    private static final String[] PATH_KEYS_USER = {"client-certificate", "client-key", "tokenFile"};

    private final Map<String, String> environment;
    private final Path home;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /**
     * @param environment the process environment ({@code System.getenv()} in the app; a map in tests)
     * @param home        the user's home folder
     */
    public KubeconfigLoader(Map<String, String> environment, Path home) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.home = Objects.requireNonNull(home, "home");
    }

    /** The files kubectl would read, in precedence order. Empty entries in {@code KUBECONFIG} are skipped. */
    public List<Path> kubeconfigFiles() {
        String env = environment.get("KUBECONFIG");
        if (env == null || env.isBlank()) {
            return List.of(home.resolve(".kube").resolve("config"));
        }
        List<Path> files = new ArrayList<>();
        for (String part : env.split(Pattern.quote(java.io.File.pathSeparator))) {
            if (!part.isBlank()) {
                Path p = Path.of(part.strip());
                if (!files.contains(p)) {
                    files.add(p);
                }
            }
        }
        return files;
    }

    /** Loads and merges the default files. */
    public Kubeconfig load() {
        return load(kubeconfigFiles());
    }

    /** Loads and merges the given files, first one first. A missing file is ignored, as kubectl ignores it. */
    public Kubeconfig load(List<Path> files) {
        Merge merge = new Merge();
        for (Path file : files) {
            readFile(file, merge);
        }
        List<KubeContext> contexts = new ArrayList<>();
        for (Map.Entry<String, RawContext> e : merge.contexts.entrySet()) {
            contexts.add(resolve(e.getKey(), e.getValue(), merge));
        }
        return new Kubeconfig(files, contexts, merge.currentContext, merge.problems, merge.clusters, merge.users);
    }

    private void readFile(Path file, Merge merge) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            merge.problems.add(new KubeconfigProblem(file, "cannot be read: " + e.getMessage()));
            return;
        }
        if (text.isBlank()) {
            return;
        }
        Object root;
        try {
            root = yaml.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            merge.problems.add(new KubeconfigProblem(file, "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
            return;
        }
        if (root == null) {
            return;
        }
        if (!(root instanceof Map<?, ?> map)) {
            merge.problems.add(new KubeconfigProblem(file, "is not a kubeconfig: the document is a "
                    + describe(root) + ", expected a mapping with clusters, users and contexts"));
            return;
        }
        String duplicate = duplicateName(map);
        if (duplicate != null) {
            // kubectl refuses such a file as a whole; picking one of the entries could connect to the wrong cluster.
            merge.problems.add(new KubeconfigProblem(file, duplicate + ": the file is ignored, as kubectl refuses it"));
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        for (Map<String, Object> entry : namedEntries(file, map, "clusters", "cluster", merge)) {
            String name = (String) entry.get("name");
            Map<String, Object> body = resolvePaths(asMap(entry.get("cluster")), dir, PATH_KEYS_CLUSTER);
            merge.clusters.putIfAbsent(name, body);
        }
        for (Map<String, Object> entry : namedEntries(file, map, "users", "user", merge)) {
            String name = (String) entry.get("name");
            Map<String, Object> body = resolvePaths(asMap(entry.get("user")), dir, PATH_KEYS_USER);
            Object exec = body.get("exec");
            if (exec instanceof Map<?, ?> execMap) {
                body.put("exec", resolveExecCommand(asMap(execMap), dir));
            }
            if (!merge.users.containsKey(name)) {
                merge.users.put(name, body);
                merge.userFiles.put(name, file);
            }
        }
        for (Map<String, Object> entry : namedEntries(file, map, "contexts", "context", merge)) {
            String name = (String) entry.get("name");
            merge.contexts.putIfAbsent(name, new RawContext(file, asMap(entry.get("context"))));
        }
        Object current = map.get("current-context");
        if (merge.currentContext == null && current instanceof String s && !s.isBlank()) {
            merge.currentContext = s;
        }
    }

    /** "duplicate context name 'prod' (contexts[0] and contexts[2])", or null when every name is unique. */
    private static String duplicateName(Map<?, ?> root) {
        for (String listKey : List.of("clusters", "users", "contexts")) {
            if (!(root.get(listKey) instanceof List<?> items)) {
                continue;
            }
            Map<String, Integer> seen = new java.util.HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Map<?, ?> m && m.get("name") instanceof String name) {
                    Integer first = seen.putIfAbsent(name, i);
                    if (first != null) {
                        return "duplicate " + listKey.substring(0, listKey.length() - 1) + " name '" + name + "' ("
                                + listKey + "[" + first + "] and " + listKey + "[" + i + "])";
                    }
                }
            }
        }
        return null;
    }

    /** The entries of a {@code clusters}/{@code users}/{@code contexts} list; malformed entries become problems. */
    private List<Map<String, Object>> namedEntries(Path file, Map<?, ?> root, String listKey, String bodyKey,
                                                   Merge merge) {
        Object list = root.get(listKey);
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            merge.problems.add(new KubeconfigProblem(file, "'" + listKey + "' must be a list, found a "
                    + describe(list)));
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof Map<?, ?> m)) {
                merge.problems.add(new KubeconfigProblem(file, listKey + "[" + i + "] must be a mapping, found a "
                        + describe(item)));
                continue;
            }
            Object name = m.get("name");
            if (!(name instanceof String s) || s.isBlank()) {
                merge.problems.add(new KubeconfigProblem(file, listKey + "[" + i + "] has no name"));
                continue;
            }
            Object body = m.get(bodyKey);
            if (body != null && !(body instanceof Map)) {
                merge.problems.add(new KubeconfigProblem(file, listKey + "[" + i + "] '" + s + "': '" + bodyKey
                        + "' must be a mapping, found a " + describe(body)));
                continue;
            }
            out.add(asMap(m));
        }
        return out;
    }

    private KubeContext resolve(String name, RawContext raw, Merge merge) {
        String cluster = string(raw.body.get("cluster"));
        String user = string(raw.body.get("user"));
        String namespace = string(raw.body.get("namespace"));
        String problem = null;
        String server = null;
        ExecPlugin exec = null;
        Map<String, Object> clusterEntry = cluster == null ? null : merge.clusters.get(cluster);
        if (cluster == null) {
            problem = "context names no cluster";
        } else if (clusterEntry == null) {
            problem = "cluster '" + cluster + "' is not defined in any kubeconfig file";
        } else {
            server = string(clusterEntry.get("server"));
            if (server == null) {
                problem = "cluster '" + cluster + "' has no server URL";
            }
        }
        Map<String, Object> userEntry = user == null ? null : merge.users.get(user);
        if (user == null) {
            problem = problem == null ? "context names no user" : problem;
        } else if (userEntry == null) {
            problem = problem == null ? "user '" + user + "' is not defined in any kubeconfig file" : problem;
        } else {
            try {
                exec = execPlugin(userEntry.get("exec"));
            } catch (IllegalArgumentException e) {
                problem = problem == null ? "user '" + user + "': " + e.getMessage() : problem;
                merge.problems.add(new KubeconfigProblem(merge.userFiles.get(user),
                        "user '" + user + "': " + e.getMessage()));
            }
        }
        return new KubeContext(name, raw.file, cluster, server, user, namespace, exec, problem);
    }

    static ExecPlugin execPlugin(Object exec) {
        if (exec == null) {
            return null;
        }
        if (!(exec instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("exec must be a mapping");
        }
        String command = string(m.get("command"));
        if (command == null) {
            throw new IllegalArgumentException("exec has no command");
        }
        List<String> args = new ArrayList<>();
        Object rawArgs = m.get("args");
        if (rawArgs instanceof List<?> l) {
            for (Object a : l) {
                args.add(String.valueOf(a));
            }
        } else if (rawArgs != null) {
            throw new IllegalArgumentException("exec args must be a list");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Object rawEnv = m.get("env");
        if (rawEnv instanceof List<?> l) {
            for (Object e : l) {
                if (e instanceof Map<?, ?> em && em.get("name") instanceof String n) {
                    env.put(n, em.get("value") == null ? "" : String.valueOf(em.get("value")));
                } else {
                    throw new IllegalArgumentException("exec env entries must have a name and a value");
                }
            }
        } else if (rawEnv != null) {
            throw new IllegalArgumentException("exec env must be a list of {name, value}");
        }
        return new ExecPlugin(command, args, env, string(m.get("apiVersion")), string(m.get("installHint")));
    }

    private static Map<String, Object> resolvePaths(Map<String, Object> body, Path dir, String[] keys) {
        for (String key : keys) {
            Object v = body.get(key);
            if (v instanceof String s && !s.isBlank()) {
                Path p = Path.of(s);
                if (!p.isAbsolute() && dir != null) {
                    body.put(key, dir.resolve(p).normalize().toString());
                }
            }
        }
        return body;
    }

    /** kubectl resolves a relative exec command that contains a path separator against the kubeconfig's folder. */
    private static Map<String, Object> resolveExecCommand(Map<String, Object> exec, Path dir) {
        Object c = exec.get("command");
        if (c instanceof String s && (s.contains("/") || s.contains(java.io.File.separator))) {
            Path p = Path.of(s);
            if (!p.isAbsolute() && dir != null) {
                exec.put("command", dir.resolve(p).normalize().toString());
            }
        }
        return exec;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        return new LinkedHashMap<>();
    }

    private static String string(Object o) {
        if (o instanceof String s) {
            return s.isBlank() ? null : s;
        }
        return o instanceof Number || o instanceof Boolean ? String.valueOf(o) : null;
    }

    private static String describe(Object o) {
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof Map) {
            return "mapping";
        }
        return o instanceof String ? "string ('" + abbreviate((String) o) + "')" : o.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private record RawContext(Path file, Map<String, Object> body) {
    }

    private static final class Merge {
        final Map<String, Map<String, Object>> clusters = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
        final Map<String, Path> userFiles = new LinkedHashMap<>();
        final Map<String, RawContext> contexts = new LinkedHashMap<>();
        final List<KubeconfigProblem> problems = new ArrayList<>();
        String currentContext;
    }
}

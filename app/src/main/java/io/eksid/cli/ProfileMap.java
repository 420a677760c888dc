package io.eksid.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code --profile-map FILE} of a fleet scan: which AWS profile each context uses. One {@code CONTEXT = PROFILE}
 * per line, {@code #} starts a comment, {@code CONTEXT} may hold {@code *} and {@code ?} wildcards; the first line
 * that matches wins, so specific lines go before broad ones.
 */
final class ProfileMap {

    private record Entry(String pattern, Pattern regex, String profile) {
    }

    private final List<Entry> entries;

    private ProfileMap(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static ProfileMap empty() {
        return new ProfileMap(List.of());
    }

    /** Reads the file; a bad line is an {@link IllegalArgumentException} naming the file and the line. */
    static ProfileMap read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--profile-map: no such file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--profile-map: cannot read " + file + ": " + e.getMessage());
        }
        return parse(lines, file.toString());
    }

    static ProfileMap parse(List<String> lines, String name) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            int eq = text.indexOf('=');
            String context = eq < 0 ? "" : text.substring(0, eq).strip();
            String profile = eq < 0 ? "" : text.substring(eq + 1).strip();
            if (context.isEmpty() || profile.isEmpty() || profile.contains(" ")) {
                throw new IllegalArgumentException("--profile-map " + name + " line " + (i + 1)
                        + ": expected CONTEXT = PROFILE, got '" + line.strip() + "'");
            }
            entries.add(new Entry(context, glob(context), profile));
        }
        return new ProfileMap(entries);
    }

    /** The profile of the first line whose pattern matches the whole context name. */
    Optional<String> profileFor(String context) {
        for (Entry e : entries) {
            if (e.regex().matcher(context).matches()) {
                return Optional.of(e.profile());
            }
        }
        return Optional.empty();
    }

    /** A kubeconfig-context glob: {@code *} any run of characters, {@code ?} one character, the rest literal. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString());
    }
}

package io.eksid.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The admin's AWS profiles, read from {@code ~/.aws/config} and {@code ~/.aws/credentials} (or the files
 * {@code AWS_CONFIG_FILE} / {@code AWS_SHARED_CREDENTIALS_FILE} name) with the SDK's own parser, so the console
 * sees exactly what the AWS CLI and SDKs see. A malformed section is reported with its file and line and left out;
 * every other profile is still listed and usable.
 */
public final class AwsProfiles {

    private static final Pattern LINE_NUMBER = Pattern.compile("line (\\d+)");

    private final AwsEnvironment environment;

    public AwsProfiles(AwsEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** A problem in one profile file; the rest of the file was still read. */
    public record FileProblem(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    /** The result of reading the profile files: usable profiles, the SDK profile file they form, and problems. */
    public record Listing(List<AwsProfile> profiles, ProfileFile profileFile, List<FileProblem> problems) {
        public Listing {
            profiles = List.copyOf(profiles);
            problems = List.copyOf(problems);
        }

        public Optional<AwsProfile> profile(String name) {
            return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    public AwsEnvironment environment() {
        return environment;
    }

    /** Reads both files now. Never throws for bad content: problems are listed instead. */
    public Listing load() {
        List<FileProblem> problems = new ArrayList<>();
        String config = readLenient(environment.configFile(), ProfileFile.Type.CONFIGURATION, problems);
        String credentials = readLenient(environment.credentialsFile(), ProfileFile.Type.CREDENTIALS, problems);
        ProfileFile file = ProfileFile.aggregator()
                .addFile(parse(config, ProfileFile.Type.CONFIGURATION))
                .addFile(parse(credentials, ProfileFile.Type.CREDENTIALS))
                .build();
        Map<String, AwsProfile> byName = new TreeMap<>();
        for (Map.Entry<String, Profile> e : file.profiles().entrySet()) {
            byName.put(e.getKey(), describe(file, e.getValue()));
        }
        Path configFile = environment.configFile();
        for (AwsProfile p : byName.values()) {
            if (p.kind() == ProfileKind.ASSUME_ROLE && !byName.containsKey(p.sourceProfile())) {
                problems.add(new FileProblem(configFile, 0, "profile '" + p.name() + "' names source_profile '"
                        + p.sourceProfile() + "', which does not exist; it cannot get credentials"));
            }
            if (p.kind() == ProfileKind.SSO_SESSION && file.getSection("sso-session", p.ssoSession()).isEmpty()) {
                problems.add(new FileProblem(configFile, 0, "profile '" + p.name() + "' names sso_session '"
                        + p.ssoSession() + "', but there is no [sso-session " + p.ssoSession() + "] section"));
            }
        }
        return new Listing(new ArrayList<>(byName.values()), file, problems);
    }

    private static ProfileFile parse(String content, ProfileFile.Type type) {
        return ProfileFile.builder().content(content).type(type).build();
    }

    /**
     * Returns the file's content with the sections the SDK cannot parse removed. A whole-file parse is tried
     * first; only when it fails is the file split into sections and each one checked on its own.
     */
    private static String readLenient(Path path, ProfileFile.Type type, List<FileProblem> problems) {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            problems.add(new FileProblem(path, 0, "cannot be read: " + e.getMessage()));
            return "";
        }
        try {
            parse(content, type);
            return content;
        } catch (RuntimeException whole) {
            StringBuilder good = new StringBuilder();
            for (Section s : sections(content)) {
                try {
                    parse(s.text(), type);
                    good.append(s.text());
                } catch (RuntimeException e) {
                    problems.add(new FileProblem(path, s.firstLine(), describeSectionError(s, e)));
                }
            }
            return good.toString();
        }
    }

    private record Section(int firstLine, String header, String text) {
    }

    private static List<Section> sections(String content) {
        List<Section> out = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        StringBuilder current = new StringBuilder();
        int start = 1;
        String header = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("[") && !line.startsWith(" ") && !line.startsWith("\t")) {
                if (current.length() > 0) {
                    out.add(new Section(start, header, current.toString()));
                }
                current = new StringBuilder();
                start = i + 1;
                header = line.strip();
            }
            current.append(line).append('\n');
        }
        if (current.length() > 0) {
            out.add(new Section(start, header, current.toString()));
        }
        return out;
    }

    private static String describeSectionError(Section s, RuntimeException e) {
        String where = s.header() == null ? "text before the first section" : "section " + s.header();
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The SDK numbers lines within the text it was given; shift them to the file's numbering.
        msg = shiftLineNumbers(msg, s.firstLine() - 1);
        return where + " is malformed and was skipped: " + msg;
    }

    static String shiftLineNumbers(String message, int offset) {
        Matcher m = LINE_NUMBER.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, "line " + (Integer.parseInt(m.group(1)) + offset));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static AwsProfile describe(ProfileFile file, Profile p) {
        Optional<String> ssoSessionName = p.property("sso_session");
        Optional<Profile> ssoSession = ssoSessionName.flatMap(n -> file.getSection("sso-session", n));
        ProfileKind kind = kindOf(p);
        String startUrl = p.property(ProfileProperty.SSO_START_URL)
                .or(() -> ssoSession.flatMap(s -> s.property(ProfileProperty.SSO_START_URL))).orElse(null);
        String ssoRegion = p.property(ProfileProperty.SSO_REGION)
                .or(() -> ssoSession.flatMap(s -> s.property(ProfileProperty.SSO_REGION))).orElse(null);
        String role = p.property(ProfileProperty.ROLE_ARN).or(() -> p.property(ProfileProperty.SSO_ROLE_NAME))
                .orElse(null);
        return new AwsProfile(p.name(), kind, p.property(ProfileProperty.REGION).orElse(null),
                hasEndpointUrl(file, p), ssoSessionName.orElse(null), startUrl, ssoRegion, role,
                p.property(ProfileProperty.SOURCE_PROFILE).orElse(null),
                p.property(ProfileProperty.SSO_ACCOUNT_ID).orElse(null));
    }

    private static ProfileKind kindOf(Profile p) {
        boolean roleArn = p.property(ProfileProperty.ROLE_ARN).isPresent();
        if (roleArn && p.property(ProfileProperty.SOURCE_PROFILE).isPresent()) {
            return ProfileKind.ASSUME_ROLE;
        }
        if (roleArn && p.property(ProfileProperty.CREDENTIAL_SOURCE).isPresent()) {
            return ProfileKind.ASSUME_ROLE_FROM_SOURCE;
        }
        if (roleArn && p.property(ProfileProperty.WEB_IDENTITY_TOKEN_FILE).isPresent()) {
            return ProfileKind.WEB_IDENTITY;
        }
        if (p.property("sso_session").isPresent()) {
            return ProfileKind.SSO_SESSION;
        }
        if (p.property(ProfileProperty.SSO_START_URL).isPresent()) {
            return ProfileKind.SSO_LEGACY;
        }
        if (p.property(ProfileProperty.CREDENTIAL_PROCESS).isPresent()) {
            return ProfileKind.CREDENTIAL_PROCESS;
        }
        if (p.property(ProfileProperty.AWS_ACCESS_KEY_ID).isPresent()) {
            return ProfileKind.STATIC_KEYS;
        }
        return ProfileKind.NO_CREDENTIALS;
    }

    private static boolean hasEndpointUrl(ProfileFile file, Profile p) {
        if (p.property(ProfileProperty.ENDPOINT_URL).isPresent()) {
            return true;
        }
        return p.property("services").flatMap(n -> file.getSection("services", n))
                .map(s -> s.properties().keySet().stream().anyMatch(k -> k.endsWith("endpoint_url")))
                .orElse(false);
    }
}

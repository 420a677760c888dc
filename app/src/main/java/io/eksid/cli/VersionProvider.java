package io.eksid.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven filtered into {@code io/eksid/version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"eksid " + version()};
    }

    public static String version() throws IOException {
        return properties().getProperty("version", "unknown");
    }

    /** The home page the build was given for SARIF logs, or empty. */
    public static String informationUri() throws IOException {
        return properties().getProperty("informationUri", "").strip();
    }

    private static Properties properties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/eksid/version.properties")) {
            if (in == null) {
                return p;
            }
            p.load(in);
        }
        return p;
    }
}

package io.eksid.engine.live;

import static io.eksid.model.graph.GraphFixtures.T0;
import static io.eksid.model.graph.GraphFixtures.association;
import static io.eksid.model.graph.GraphFixtures.base;
import static io.eksid.model.graph.GraphFixtures.deployment;
import static io.eksid.model.graph.GraphFixtures.irsaSa;
import static io.eksid.model.graph.GraphFixtures.irsaTrust;
import static io.eksid.model.graph.GraphFixtures.otherAccountRoleArn;
import static io.eksid.model.graph.GraphFixtures.pod;
import static io.eksid.model.graph.GraphFixtures.podIdentityTrust;
import static io.eksid.model.graph.GraphFixtures.role;
import static io.eksid.model.graph.GraphFixtures.roleArn;
import static io.eksid.model.graph.GraphFixtures.sa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import io.eksid.model.PodCredentials;
import io.eksid.model.RoleArn;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCacheTest {

    private static final String CONTEXT = "acme-prod @ https://127.0.0.1:6443";
    private static final Instant SAVED = Instant.parse("2026-03-01T10:15:00Z");

    @TempDir
    Path dir;

    private static ClusterSnapshot snapshot() {
        String irsaRole = roleArn("cart");
        String piRole = roleArn("orders");
        return base()
                .serviceAccount(irsaSa("pay", "cart", irsaRole))
                .serviceAccount(sa("pay", "orders"))
                .pod(pod("pay", "cart-1", "cart", new PodCredentials(false, true, irsaRole), T0))
                .pod(pod("pay", "orders-1", "orders", new PodCredentials(true, false, null), T0.plusSeconds(5)))
                .workload(deployment("pay", "cart", "cart"))
                .association(association("a-1", "pay", "orders", piRole, T0))
                .role(new IamRole(RoleArn.parse(irsaRole), "AROAEXAMPLE1", irsaTrust("pay", "cart"), T0))
                .role(role(piRole, podIdentityTrust()))
                .unreadableRole(otherAccountRoleArn("elsewhere"), "in account 444455556666; no profile for that account")
                .trustPolicyQuota(4096)
                .takenAt(T0.plusSeconds(60))
                .build();
    }

    private SnapshotCache cache() {
        return new SnapshotCache(dir.resolve("snapshots"));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void aSavedSnapshotLoadsBackEqualWithTheTimeItWasSaved() throws Exception {
        ClusterSnapshot s = snapshot();
        cache().save(CONTEXT, s, SAVED);

        SnapshotCache.Loaded loaded = cache().load(CONTEXT);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.cached()).hasValueSatisfying(c -> {
            assertThat(c.savedAt()).isEqualTo(SAVED);
            assertThat(c.snapshot()).isEqualTo(s);
        });
    }

    @Test
    void theFileIsReadableAndWritableByItsOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
        assumeTrue(posix(), "POSIX permissions");
        cache().save(CONTEXT, snapshot(), SAVED);

        Path file = cache().fileFor(CONTEXT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        // Saving again replaces the file and keeps it owner-only, even if someone widened it meanwhile.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        cache().save(CONTEXT, snapshot(), SAVED.plusSeconds(60));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void theFileHoldsNoCredentialsOnlyTheSnapshot() throws Exception {
        cache().save(CONTEXT, snapshot(), SAVED);

        String text = Files.readString(cache().fileFor(CONTEXT));

        assertThat(text).contains("\"format\":\"eksid-cluster-snapshot\"", "arn:aws:iam::111122223333:role/cart");
        assertThat(text.toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("secretaccesskey", "sessiontoken", "aws_secret", "bearer", "password");
    }

    @Test
    void noFileIsNoSnapshotAndNoMessage() {
        SnapshotCache.Loaded loaded = cache().load(CONTEXT);

        assertThat(loaded.cached()).isEmpty();
        assertThat(loaded.problems()).isEmpty();
    }

    @Test
    void aCorruptFileIsIgnoredWithAMessage() throws Exception {
        cache().save(CONTEXT, snapshot(), SAVED);
        Path file = cache().fileFor(CONTEXT);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2)); // torn write

        SnapshotCache.Loaded loaded = cache().load(CONTEXT);

        assertThat(loaded.cached()).isEmpty();
        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("Ignored the cached snapshot " + file).contains("not valid JSON (corrupt");
    }

    @Test
    void valid_jsonThatIsNotASnapshotIsIgnoredAsCorrupt() throws Exception {
        cache().save(CONTEXT, snapshot(), SAVED);
        Path file = cache().fileFor(CONTEXT);
        Files.writeString(file, "{\"format\":\"eksid-cluster-snapshot\",\"version\":1,\"context\":\"" + CONTEXT
                + "\",\"savedAt\":\"2026-03-01T10:15:00Z\",\"snapshot\":{\"pods\":\"many\"}}");

        SnapshotCache.Loaded loaded = cache().load(CONTEXT);

        assertThat(loaded.cached()).isEmpty();
        assertThat(loaded.problems()).singleElement().asString().contains("does not read as a snapshot (corrupt");
    }

    @Test
    void aFileOfAnotherFormatOrVersionIsIgnoredAsForeign() throws Exception {
        cache().save(CONTEXT, snapshot(), SAVED);
        Path file = cache().fileFor(CONTEXT);

        Files.writeString(file, "{\"apiVersion\":\"v1\",\"kind\":\"Config\"}");
        assertThat(cache().load(CONTEXT).problems()).singleElement().asString()
                .isEqualTo("Ignored " + file + ": it is not a cluster snapshot of this console (no \"format\": "
                        + "\"eksid-cluster-snapshot\")");

        Files.writeString(file, "{\"format\":\"eksid-cluster-snapshot\",\"version\":7}");
        assertThat(cache().load(CONTEXT).problems()).singleElement().asString()
                .endsWith("it is version 7, this console reads version 1");
    }

    @Test
    void aFileSavedForAnotherContextIsIgnoredAsForeign() throws Exception {
        cache().save("staging @ https://10.0.0.1", snapshot(), SAVED);
        Files.move(cache().fileFor("staging @ https://10.0.0.1"), cache().fileFor(CONTEXT));

        SnapshotCache.Loaded loaded = cache().load(CONTEXT);

        assertThat(loaded.cached()).isEmpty();
        assertThat(loaded.problems()).singleElement().asString()
                .endsWith("it was saved for context 'staging @ https://10.0.0.1', not '" + CONTEXT + "'");
    }

    @Test
    void aFileOwnedByAnotherUserIsIgnoredAsForeign() throws Exception {
        assumeTrue(posix(), "POSIX owners");
        cache().save(CONTEXT, snapshot(), SAVED);
        Path file = cache().fileFor(CONTEXT);
        UserPrincipal nobody;
        try {
            nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(file, nobody);
        } catch (java.io.IOException e) {
            assumeTrue(false, "changing a file's owner needs root: " + e);
            return;
        }

        SnapshotCache.Loaded loaded = cache().load(CONTEXT);

        assertThat(loaded.cached()).isEmpty();
        assertThat(loaded.problems()).singleElement().asString().endsWith("it belongs to nobody, not to this user");
    }

    @Test
    void contextNamesWithAnyCharacterGetTheirOwnFile() {
        SnapshotCache c = cache();
        Path a = c.fileFor("arn:aws:eks:us-west-2:111122223333:cluster/prod @ https://x");
        Path b = c.fileFor("arn:aws:eks:us-west-2:111122223333:cluster_prod @ https://x");

        assertThat(a).isNotEqualTo(b);
        assertThat(a.getParent()).isEqualTo(c.folder());
        assertThat(a.getFileName().toString()).matches("[A-Za-z0-9._-]+\\.json");
        assertThat(new String(a.getFileName().toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .startsWith("arn_aws_eks_us-west-2_111122223333_clust");
    }

    @Test
    void theAgeIsSaidTheWayAPersonJudgesIt() {
        assertThat(CachedStart.describeAge(SAVED, SAVED.plusSeconds(20))).endsWith("(less than a minute ago)");
        assertThat(CachedStart.describeAge(SAVED, SAVED.plusSeconds(12 * 60))).endsWith("(12 min ago)");
        assertThat(CachedStart.describeAge(SAVED, SAVED.plusSeconds(3 * 3600))).endsWith("(3 hours ago)");
        assertThat(CachedStart.describeAge(SAVED, SAVED.plusSeconds(2 * 86400))).startsWith("on ")
                .endsWith("(2 days ago)");
    }
}

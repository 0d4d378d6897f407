package dev.bisync.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectWorkerClassPathTest {

    @Test
    void artifactIdIsTheFileNameBeforeTheVersion() {
        assertEquals("mariadb-java-client", ConnectWorkerClassPath.artifactId(Path.of("/r/mariadb-java-client-3.5.11.jar")));
        assertEquals("mysql-binlog-connector-java",
                ConnectWorkerClassPath.artifactId(Path.of("mysql-binlog-connector-java-0.40.6.jar")));
        assertEquals("debezium-connector-mariadb",
                ConnectWorkerClassPath.artifactId(Path.of("debezium-connector-mariadb-3.5.0.Final.jar")));
        assertEquals("log4j-slf4j2-impl", ConnectWorkerClassPath.artifactId(Path.of("log4j-slf4j2-impl-2.25.4.jar")));
        assertEquals("kafka_2.13", ConnectWorkerClassPath.artifactId(Path.of("kafka_2.13-4.3.0.jar")));
        assertEquals("", ConnectWorkerClassPath.artifactId(Path.of("/w/bisync-core/target/classes")));
    }

    @Test
    void theArtifactsAPluginFolderBundlesAreListedWhateverTheirVersion(@TempDir Path dir) throws Exception {
        Path plugin = Files.createDirectories(dir.resolve("debezium-connector-mariadb"));
        Files.createFile(plugin.resolve("mariadb-java-client-3.5.3.jar"));
        Files.createFile(plugin.resolve("debezium-api-3.5.0.Final.jar"));
        assertEquals(Set.of("mariadb-java-client", "debezium-api"),
                ConnectWorkerClassPath.bundledArtifacts(List.of(dir)));
    }

    @Test
    void theHostClassPathIsReadThroughAManifestOnlyJar() {
        // Surefire runs this test from a manifest-only booter jar: the real entries are in its Class-Path
        assertTrue(ConnectWorkerClassPath.hostClassPath().stream()
                        .anyMatch(p -> ConnectWorkerClassPath.artifactId(p).equals("junit-jupiter-api")),
                "junit-jupiter-api on the expanded host class path");
    }
}

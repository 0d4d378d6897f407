package dev.bisync.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Connect worker's plugin folders: the MySQL connector's only in a JVM that runs MySQL, so that every other
 * stack neither extracts nor scans it (this module's test class path holds all three plugin artifacts).
 */
class ConnectPluginFoldersTest {

    @TempDir
    Path extractTo;

    @AfterEach
    void clearProperty() {
        System.clearProperty(MySqlServer.IMAGE_PROPERTY);
    }

    @Test
    void withoutAMySqlRunTheMySqlConnectorIsLeftOut() {
        List<String> folders = pluginFolders(ConnectPluginFolders.resolve(extractTo));
        assertTrue(folders.contains("debezium-connector-postgres"), folders.toString());
        assertTrue(folders.contains("debezium-connector-mariadb"), folders.toString());
        assertEquals(List.of(), folders.stream().filter(f -> f.equals("debezium-connector-mysql")).toList());
    }

    @Test
    void aMySqlRunGetsTheMySqlConnectorToo() {
        System.setProperty(MySqlServer.IMAGE_PROPERTY, "mysql:8.4");
        assertTrue(pluginFolders(ConnectPluginFolders.resolve(extractTo)).contains("debezium-connector-mysql"));
    }

    /** The plugin folders inside the plugin.path entries. */
    private static List<String> pluginFolders(List<Path> entries) {
        return entries.stream().flatMap(entry -> {
            try (var children = Files.list(entry)) {
                return children.map(child -> child.getFileName().toString()).toList().stream();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }
}

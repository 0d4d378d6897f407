package dev.bisync.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the Debezium connector plugin folders that the {@code bisync-connect-plugin-*} artifacts carry under
 * {@value #ROOT} and turns them into Kafka Connect {@code plugin.path} entries: a folder on disk is used as it is,
 * a folder inside a jar is extracted first. The MySQL connector's folder ({@value #MYSQL_FOLDER}) is taken only in a
 * JVM that runs MySQL ({@value MySqlServer#IMAGE_PROPERTY} set): elsewhere extracting and scanning it would only
 * slow the stack's start.
 */
final class ConnectPluginFolders {

    static final String ROOT = "bisync-connect-plugins/";
    static final String MYSQL_FOLDER = "debezium-connector-mysql";

    private ConnectPluginFolders() {
    }

    /** The plugin.path entries, extracting packed folders below {@code extractTo}. */
    static List<Path> resolve(Path extractTo) {
        List<Path> entries = new ArrayList<>();
        try {
            Enumeration<URL> roots = ConnectPluginFolders.class.getClassLoader().getResources(ROOT);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (!wanted(root)) {
                    continue;
                }
                if ("file".equals(root.getProtocol())) {
                    entries.add(Path.of(root.toURI()));
                } else if ("jar".equals(root.getProtocol())) {
                    entries.add(extract(root, extractTo));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Connect plugin folders", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("No Debezium connector plugin folder on the class path (resource " + ROOT
                    + "): add dev.bisync:bisync-connect-plugin-postgres and bisync-connect-plugin-mariadb");
        }
        return entries;
    }

    /** Whether the plugin folders under this root are for this JVM (the MySQL connector's only when MySQL runs). */
    private static boolean wanted(URL root) throws IOException, URISyntaxException {
        if (System.getProperty(MySqlServer.IMAGE_PROPERTY) != null) {
            return true;
        }
        List<String> folders = new ArrayList<>();
        if ("file".equals(root.getProtocol())) {
            try (var children = Files.list(Path.of(root.toURI()))) {
                children.forEach(child -> folders.add(child.getFileName().toString()));
            }
        } else if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(ROOT) && n.length() > ROOT.length())
                        .map(n -> n.substring(ROOT.length()).split("/")[0]).distinct().forEach(folders::add);
            }
        }
        return !folders.equals(List.of(MYSQL_FOLDER));
    }

    private static Path extract(URL root, Path extractTo) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Path target = extractTo.resolve(Path.of(jar.getName()).getFileName().toString().replace(".jar", ""));
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(ROOT) || entry.isDirectory()) {
                    continue;
                }
                Path file = target.resolve(entry.getName().substring(ROOT.length())).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("entry outside the plugin folder: " + entry.getName());
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, file);
                }
            }
            return target;
        }
    }
}

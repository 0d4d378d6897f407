package dev.bisync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The class loader the embedded Connect worker runs in, so that the host's class path does not reach the connectors.
 *
 * <p>Why: Connect gives each plugin folder a child-first {@code PluginClassLoader} whose parent chain ends at the
 * loader that defined the Connect runtime. When that is the host's application loader, a plugin still sees the
 * host's jars: {@code getResources} lists the host's {@code META-INF/services} files after its own, and a class the
 * plugin lacks is loaded from the host. A host with a newer MariaDB Connector/J than the Debezium MariaDB connector
 * bundles thus hands the connector's driver a codec class ({@code UtilDateCodec}) implementing the host's
 * {@code Codec} interface, not the plugin's: {@code ServiceConfigurationError ... not a subtype}.
 *
 * <p>The worker's loader holds the host's class path minus every artifact that a plugin folder bundles (matched by
 * artifact id, whatever the version), with the platform loader as parent; SLF4J and Log4j are taken from the host
 * so that the worker logs where the host logs. The plugins' parent chain then has no copy of their own libraries.
 */
final class ConnectWorkerClassPath {

    /** {@code artifactId-version[-classifier].jar}; the version starts with a digit. */
    private static final Pattern ARTIFACT = Pattern.compile("(.+?)-\\d[^/]*\\.jar");
    /** Packages the worker shares with the host: the logging API and its binding. */
    private static final List<String> SHARED = List.of("org.slf4j.", "org.apache.logging.log4j.");

    private ConnectWorkerClassPath() {
    }

    /** A loader for the Connect runtime: the host class path without the artifacts the plugin folders bundle. */
    static ClassLoader isolatedFrom(List<Path> pluginFolders) {
        Set<String> bundled = bundledArtifacts(pluginFolders);
        List<URL> urls = new ArrayList<>();
        for (Path entry : hostClassPath()) {
            if (!bundled.contains(artifactId(entry))) {
                urls.add(url(entry));
            }
        }
        return new URLClassLoader("bisync-connect-worker", urls.toArray(URL[]::new), new SharedLogging());
    }

    /** The artifact ids of the jars below the plugin folders. */
    static Set<String> bundledArtifacts(List<Path> pluginFolders) {
        Set<String> ids = new LinkedHashSet<>();
        for (Path folder : pluginFolders) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.map(ConnectWorkerClassPath::artifactId).filter(id -> !id.isEmpty()).forEach(ids::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the Connect plugin folder " + folder, e);
            }
        }
        return ids;
    }

    /** The artifact id a jar's file name shows, or "" for a folder or a name without a version. */
    static String artifactId(Path entry) {
        Path name = entry.getFileName();
        Matcher m = ARTIFACT.matcher(name == null ? "" : name.toString());
        return m.matches() ? m.group(1) : "";
    }

    /** {@code java.class.path}, with the {@code Class-Path} of a manifest-only jar (Surefire's booter) expanded. */
    static List<Path> hostClassPath() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String element : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!element.isBlank()) {
                add(Path.of(element).toAbsolutePath(), entries);
            }
        }
        return List.copyOf(entries);
    }

    private static void add(Path entry, Set<Path> entries) {
        if (!entries.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            URI base = entry.toUri();
            for (String ref : classPath.trim().split("\\s+")) {
                URI uri = base.resolve(ref);
                if ("file".equals(uri.getScheme())) {
                    add(Path.of(uri), entries);
                }
            }
        } catch (IOException e) {
            // not a jar: a plain class path entry with no manifest to follow
        }
    }

    private static URL url(Path entry) {
        try {
            return entry.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a class path entry: " + entry, e);
        }
    }

    /** Parent of the worker's loader: the platform classes, and the host's logging classes. */
    private static final class SharedLogging extends ClassLoader {

        static {
            ClassLoader.registerAsParallelCapable();
        }

        SharedLogging() {
            super("bisync-connect-worker-shared", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String prefix : SHARED) {
                if (name.startsWith(prefix)) {
                    return ConnectWorkerClassPath.class.getClassLoader().loadClass(name);
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}

package dev.bisync.testkit;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kafka Connect distributed worker in this JVM, its REST API on a free loopback port. Each Debezium connector
 * lives in its own {@code plugin.path} folder (class loader isolation); plugins are found through
 * {@code plugin.discovery=service_load}, which spares the 15-18 s and the memory of a class-path scan.
 *
 * <p>The runtime runs in a class loader of its own ({@link ConnectWorkerClassPath}): the host's copies of the
 * libraries a connector bundles (a newer JDBC driver, say) stay out of the connectors' parent chain. The worker is
 * therefore driven by reflection; its {@code Connect} instance is of a class the host's loader does not know.
 */
public final class ConnectWorker implements StackComponent {

    /** The worker's group id; its storage topics are named after it. */
    public static final String GROUP_ID = "bisync-connect";

    private final String bootstrapServers;
    private final List<Path> pluginPath;
    private final int port;
    private ClassLoader runtimeLoader;
    private Object connect;

    ConnectWorker(String bootstrapServers, List<Path> pluginPath) {
        this.bootstrapServers = bootstrapServers;
        this.pluginPath = pluginPath;
        this.port = FreePorts.next();
    }

    @Override
    public String name() {
        return "Kafka Connect worker " + org.apache.kafka.common.utils.AppInfoParser.getVersion();
    }

    @Override
    public int port() {
        return port;
    }

    /** The REST API's base URL. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public synchronized boolean isRunning() {
        return connect != null;
    }

    @Override
    public synchronized void start() {
        if (connect != null) {
            return;
        }
        if (runtimeLoader == null) {
            runtimeLoader = ConnectWorkerClassPath.isolatedFrom(pluginPath);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(runtimeLoader); // threads the worker starts inherit it
        try {
            Class<?> cli = Class.forName("org.apache.kafka.connect.cli.ConnectDistributed", true, runtimeLoader);
            Object distributed = cli.getConstructor(String[].class).newInstance((Object) new String[0]);
            connect = cli.getMethod("startConnect", Map.class).invoke(distributed, workerConfig());
        } catch (InvocationTargetException e) {
            throw rethrown("Kafka Connect did not start", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Kafka Connect's runtime is not usable: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static RuntimeException rethrown(String what, InvocationTargetException e) {
        return e.getCause() instanceof RuntimeException cause ? cause
                : new IllegalStateException(what + ": " + e.getCause(), e.getCause());
    }

    private Map<String, String> workerConfig() {
        Map<String, String> w = new HashMap<>();
        w.put("bootstrap.servers", bootstrapServers);
        w.put("group.id", GROUP_ID);
        w.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        w.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        w.put("key.converter.schemas.enable", "true");
        w.put("value.converter.schemas.enable", "true");
        w.put("offset.storage.topic", GROUP_ID + "-offsets");
        w.put("config.storage.topic", GROUP_ID + "-configs");
        w.put("status.storage.topic", GROUP_ID + "-status");
        w.put("offset.storage.replication.factor", "1");
        w.put("config.storage.replication.factor", "1");
        w.put("status.storage.replication.factor", "1");
        w.put("offset.storage.partitions", "1");
        w.put("status.storage.partitions", "1");
        w.put("offset.flush.interval.ms", "1000");
        w.put("listeners", "http://127.0.0.1:" + port);
        w.put("rest.advertised.host.name", "127.0.0.1");
        w.put("rest.advertised.port", String.valueOf(port));
        w.put("scheduled.rebalance.max.delay.ms", "0");
        w.put("plugin.discovery", "service_load");
        w.put("plugin.path", pluginPath.stream().map(Path::toString).collect(Collectors.joining(",")));
        return w;
    }

    @Override
    public synchronized void stop() {
        if (connect == null) {
            return;
        }
        try {
            connect.getClass().getMethod("stop").invoke(connect);
            connect.getClass().getMethod("awaitStop").invoke(connect);
        } catch (InvocationTargetException e) {
            throw rethrown("Kafka Connect did not stop", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Kafka Connect's runtime is not usable: " + e, e);
        } finally {
            connect = null;
        }
    }
}

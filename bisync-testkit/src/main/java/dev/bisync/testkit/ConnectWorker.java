package dev.bisync.testkit;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kafka Connect distributed worker in this JVM, its REST API on a free loopback port. Each Debezium connector
 * lives in its own {@code plugin.path} folder (class loader isolation); plugins are found through
 * {@code plugin.discovery=service_load}, which spares the 15-18 s and the memory of a class-path scan.
 */
public final class ConnectWorker implements StackComponent {

    /** The worker's group id; its storage topics are named after it. */
    public static final String GROUP_ID = "bisync-connect";

    private final String bootstrapServers;
    private final List<Path> pluginPath;
    private final int port;
    private Connect<?> connect;

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
        connect = new ConnectDistributed().startConnect(workerConfig());
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
            connect.stop();
            connect.awaitStop();
        } finally {
            connect = null;
        }
    }
}

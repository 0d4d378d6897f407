package dev.bisync.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debezium connector configurations for the embedded stack, for tests and demos that need capture without bisync's
 * own generated configuration. Capture starts at the current position ({@code snapshot.mode=no_data}) and polls
 * every 10 ms ({@code poll.interval.ms}; Debezium's default of 500 ms adds 300-600 ms to every change).
 */
public final class DebeziumConnectors {

    private DebeziumConnectors() {
    }

    /**
     * A PostgreSQL (pgoutput) connector for tables of schema {@code public}; its slot and publication are named
     * after {@code name}.
     */
    public static Map<String, String> postgres(EmbeddedStack stack, String name, String topicPrefix,
            List<String> tables) {
        DatabaseEndpoint db = stack.postgres();
        String id = name.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        Map<String, String> c = common("io.debezium.connector.postgresql.PostgresConnector", db, topicPrefix);
        c.put("database.dbname", db.database());
        c.put("plugin.name", "pgoutput");
        c.put("slot.name", id);
        c.put("publication.name", id + "_pub");
        c.put("publication.autocreate.mode", "filtered");
        c.put("table.include.list", qualified("public", tables));
        return c;
    }

    /** A MariaDB (binlog) connector for tables of the stack's database, reading as replica {@code serverId}. */
    public static Map<String, String> mariadb(EmbeddedStack stack, String topicPrefix, int serverId,
            List<String> tables) {
        DatabaseEndpoint db = stack.mariadb();
        Map<String, String> c = common("io.debezium.connector.mariadb.MariaDbConnector", db, topicPrefix);
        c.put("database.server.id", String.valueOf(serverId));
        c.put("database.ssl.mode", "disable");
        c.put("database.include.list", db.database());
        c.put("table.include.list", qualified(db.database(), tables));
        c.put("schema.history.internal.kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        c.put("schema.history.internal.kafka.topic", topicPrefix + ".schema-history");
        return c;
    }

    private static Map<String, String> common(String connectorClass, DatabaseEndpoint db, String topicPrefix) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", connectorClass);
        c.put("tasks.max", "1");
        c.put("database.hostname", db.host());
        c.put("database.port", String.valueOf(db.port()));
        c.put("database.user", db.user());
        c.put("database.password", db.password());
        c.put("topic.prefix", topicPrefix);
        c.put("snapshot.mode", "no_data");
        c.put("poll.interval.ms", "10");
        return c;
    }

    private static String qualified(String schema, List<String> tables) {
        return String.join(",", tables.stream().map(t -> schema + "." + t).toList());
    }
}

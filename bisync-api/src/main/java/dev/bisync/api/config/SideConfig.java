package dev.bisync.api.config;

import java.util.List;
import java.util.Objects;

/**
 * One of the two databases of a sync: how to write to it, and where its captured changes are in Kafka.
 *
 * @param name        a short name for logs and metrics, e.g. {@code mariadb} or {@code postgres}
 * @param database    how bisync connects to write into this database
 * @param namespace   the schema (PostgreSQL) or database (MySQL/MariaDB) holding the synced tables
 * @param topicPrefix the Debezium {@code topic.prefix} of this database's connector; its change topics are
 *                    {@code <topicPrefix>.<namespace>.<table>}
 * @param tables      the synced tables, by name in {@code namespace}
 */
public record SideConfig(String name, DatabaseConfig database, String namespace, String topicPrefix,
        List<String> tables) {

    public SideConfig {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** The Kafka topic that carries the changes of one table of this side. */
    public String topicFor(String table) {
        return topicPrefix + "." + namespace + "." + Objects.requireNonNull(table, "table");
    }
}

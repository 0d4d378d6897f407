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
 * @param echoMarking how bisync marks the transactions it writes into this database ({@link EchoMarking#AUTO}
 *                    unless set)
 */
public record SideConfig(String name, DatabaseConfig database, String namespace, String topicPrefix,
        List<String> tables, EchoMarking echoMarking) {

    public SideConfig {
        tables = tables == null ? List.of() : List.copyOf(tables);
        echoMarking = echoMarking == null ? EchoMarking.AUTO : echoMarking;
    }

    /** A side whose echo marking is {@link EchoMarking#AUTO}. */
    public SideConfig(String name, DatabaseConfig database, String namespace, String topicPrefix,
            List<String> tables) {
        this(name, database, namespace, topicPrefix, tables, EchoMarking.AUTO);
    }

    /** This side with another echo marking. */
    public SideConfig withEchoMarking(EchoMarking marking) {
        return new SideConfig(name, database, namespace, topicPrefix, tables, marking);
    }

    /** The Kafka topic that carries the changes of one table of this side. */
    public String topicFor(String table) {
        return topicPrefix + "." + namespace + "." + Objects.requireNonNull(table, "table");
    }
}

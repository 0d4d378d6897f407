package dev.bisync.spi.dialect;

import dev.bisync.api.TableId;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Dialect}'s side of change capture: the Debezium connector configuration bisync registers, the part of it
 * that bidirectional use depends on, and the server settings capture needs. Called at start-up and by
 * {@code CaptureSetup}, on the caller's thread.
 */
public interface Capture {

    /**
     * The Debezium connector configuration for capturing this database for bisync: the settings every bisync
     * connector has (the request's server, account, topic prefix and tables; transaction metadata; values kept exact:
     * precise decimals, microsecond times, bytes; an event the connector cannot process logged and skipped, not a
     * stop of capture; a 10 ms poll; tombstones after deletes), with this database's {@link #databaseSettings} over
     * them.
     */
    default Map<String, String> connectorConfig(CaptureRequest request) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("tasks.max", "1");
        c.put("database.hostname", request.hostname());
        c.put("database.port", String.valueOf(request.port()));
        c.put("database.user", request.user());
        c.put("database.password", request.password());
        c.put("topic.prefix", request.topicPrefix());
        c.put("table.include.list", request.tableIncludeList());
        c.put("provide.transaction.metadata", "true");
        c.put("decimal.handling.mode", "precise");
        c.put("time.precision.mode", "adaptive_time_microseconds");
        c.put("binary.handling.mode", "bytes");
        c.put("event.processing.failure.handling.mode", "warn");
        c.put("poll.interval.ms", "10");
        c.put("snapshot.mode", request.snapshotMode());
        c.put("tombstones.on.delete", "true");
        c.putAll(databaseSettings(request));
        return c;
    }

    /**
     * This database's connector settings: the connector class, how it reaches the database and leaves bisync's
     * writes out, and the handling modes of its own types; they override the common settings of
     * {@link #connectorConfig}.
     */
    Map<String, String> databaseSettings(CaptureRequest request);

    /**
     * The keys of {@link #connectorConfig} that bidirectional use depends on (echo filtering, type handling,
     * transaction metadata, the captured tables).
     */
    List<String> requiredKeys();

    /**
     * The settings of {@link #connectorConfig} named by {@link #requiredKeys()}; an existing connector must have
     * exactly these values.
     */
    default Map<String, String> requiredConnectorSettings(CaptureRequest request) {
        Map<String, String> all = connectorConfig(request);
        Map<String, String> required = new LinkedHashMap<>();
        requiredKeys().stream().filter(all::containsKey).forEach(key -> required.put(key, all.get(key)));
        return required;
    }

    /**
     * Problems with an existing connector's configuration beyond the values of {@link #requiredConnectorSettings}:
     * settings this server cannot take (PostgreSQL 15: an {@code origin} option in {@code slot.stream.params}, which
     * its pgoutput refuses). One message per problem, naming the setting and the fix; empty when all is well (the
     * default). Called by {@code CaptureSetup.check}, on the caller's thread.
     */
    default List<String> checkConnector(Map<String, String> existing) {
        return List.of();
    }

    /**
     * What in this database keeps the connector from capturing bisync's marker table {@code markers} with the synced
     * {@code tables}, for a side whose writes are marked by marker rows
     * ({@link dev.bisync.api.config.EchoMarking#MARKER_ROWS}): one message per problem, each with the statement that
     * fixes it. Without the markers, bisync's writes come back to the other lane unrecognised (where an equal row is
     * not written again). Default: none, for databases whose change log holds every table (the connector's include
     * list is checked with the rest of its configuration). Called once at start-up; problems are logged as warnings.
     */
    default List<String> checkMarkerCapture(Connection connection, List<TableId> tables, TableId markers)
            throws SQLException {
        return List.of();
    }

    /**
     * What in this database keeps its captured changes from carrying full before-images, which conflict detection
     * compares with the other side's rows (PostgreSQL: a table without {@code REPLICA IDENTITY FULL}; MySQL/MariaDB:
     * {@code binlog_row_image} other than {@code FULL}). One message per problem, each with the statement that
     * fixes it; empty when all is well (the default). Called once per side at start-up; the sync does not start
     * otherwise.
     */
    default List<String> checkCapture(Connection connection, List<TableId> tables) throws SQLException {
        return List.of();
    }
}

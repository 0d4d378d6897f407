package dev.bisync.postgres.internal;

import dev.bisync.spi.CaptureRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Debezium PostgreSQL connector configuration (3.6) bisync needs: pgoutput with {@code origin=none}, so that
 * bisync's writes (made under a replication origin) are never captured; transaction metadata; and handling modes
 * that keep every value exact (precise decimals, numeric as exact text through bisync's converter so that NaN and
 * ±Infinity arrive, microsecond times, bytes, ISO intervals, json hstore, the source type of char(n) columns).
 */
final class PostgresConnectorConfig {

    /** The settings bidirectional use depends on; an existing connector must have exactly these values. */
    private static final List<String> REQUIRED = List.of("connector.class", "plugin.name", "topic.prefix",
            "table.include.list", "slot.stream.params", "provide.transaction.metadata", "decimal.handling.mode",
            "time.precision.mode", "binary.handling.mode", "interval.handling.mode", "hstore.handling.mode",
            "datatype.propagate.source.type", "event.processing.failure.handling.mode", "converters",
            "bisync_numeric.type", "bisync_array.type");

    private PostgresConnectorConfig() {
    }

    static Map<String, String> config(CaptureRequest request) {
        String id = request.connectorName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("tasks.max", "1");
        c.put("plugin.name", "pgoutput");
        c.put("database.hostname", request.hostname());
        c.put("database.port", String.valueOf(request.port()));
        c.put("database.user", request.user());
        c.put("database.password", request.password());
        c.put("database.dbname", request.database());
        c.put("topic.prefix", request.topicPrefix());
        c.put("table.include.list", includeList(request.namespace(), request.tables()));
        c.put("slot.name", id);
        c.put("publication.name", id + "_pub");
        c.put("publication.autocreate.mode", "filtered");
        c.put("slot.stream.params", "origin=none");
        c.put("provide.transaction.metadata", "true");
        c.put("decimal.handling.mode", "precise");
        c.put("time.precision.mode", "adaptive_time_microseconds");
        c.put("binary.handling.mode", "bytes");
        c.put("interval.handling.mode", "string");
        c.put("hstore.handling.mode", "json");
        // char(n) values arrive padded with spaces; the type tells the decoder to strip them, as the dialects do
        c.put("datatype.propagate.source.type", "(?i).+\\.bpchar");
        // numeric as exact text: precise mode sends NaN and ±Infinity as NULL (bisync-connect-converters' jar in
        // the connector's plugin folder)
        c.put("converters", "bisync_numeric,bisync_array");
        c.put("bisync_numeric.type", "dev.bisync.connect.NumericTextConverter");
        // arrays as their literal text: the connector makes each row of a two-dimensional array null
        c.put("bisync_array.type", "dev.bisync.connect.ArrayTextConverter");
        // one event the connector cannot process is logged with its position and skipped, not a stop of capture
        c.put("event.processing.failure.handling.mode", "warn");
        c.put("poll.interval.ms", "10");
        c.put("snapshot.mode", request.snapshotMode());
        c.put("tombstones.on.delete", "true");
        return c;
    }

    static Map<String, String> required(CaptureRequest request) {
        Map<String, String> all = config(request);
        Map<String, String> required = new LinkedHashMap<>();
        REQUIRED.forEach(key -> required.put(key, all.get(key)));
        return required;
    }

    /** {@code namespace.table,...}; regex characters in names are escaped, Debezium reads each entry as a regex. */
    static String includeList(String namespace, List<String> tables) {
        StringBuilder sb = new StringBuilder();
        for (String table : tables) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(regexLiteral(namespace)).append('.').append(regexLiteral(table));
        }
        return sb.toString();
    }

    private static String regexLiteral(String name) {
        return name.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
    }
}

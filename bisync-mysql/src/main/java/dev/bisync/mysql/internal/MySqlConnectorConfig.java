package dev.bisync.mysql.internal;

import dev.bisync.spi.CaptureRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Debezium MariaDB (3.5) or MySQL connector configuration bisync needs: the GTID filter that drops bisync's
 * writes at capture (MariaDB), transaction metadata, schema history in Kafka, and handling modes that keep every
 * value exact (precise decimals and unsigned bigints, microsecond times, bytes, years 0 to 99 as they are).
 */
final class MySqlConnectorConfig {

    /** The settings bidirectional use depends on, besides the capture filter; an existing connector must match. */
    private static final List<String> REQUIRED = List.of("connector.class", "topic.prefix", "database.include.list",
            "table.include.list", "provide.transaction.metadata", "decimal.handling.mode", "time.precision.mode",
            "bigint.unsigned.handling.mode", "binary.handling.mode", "enable.time.adjuster",
            "event.processing.failure.handling.mode", "converters", "bisync_zero_date.type");
    private static final List<String> CAPTURE_FILTER = List.of("gtid.source.excludes", "gtid.source.filter.dml.events");

    private MySqlConnectorConfig() {
    }

    static Map<String, String> config(CaptureRequest request, MySqlVariant variant) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", variant.connectorClass());
        c.put("tasks.max", "1");
        c.put("database.hostname", request.hostname());
        c.put("database.port", String.valueOf(request.port()));
        c.put("database.user", request.user());
        c.put("database.password", request.password());
        c.put("database.server.id", String.valueOf(request.connectorServerId()));
        c.put("topic.prefix", request.topicPrefix());
        c.put("database.include.list", regexLiteral(request.namespace()));
        c.put("table.include.list", includeList(request.namespace(), request.tables()));
        variant.echoMark().addCaptureFilter(c, request.echo());
        c.put("schema.history.internal.kafka.bootstrap.servers", request.kafkaBootstrapServers());
        c.put("schema.history.internal.kafka.topic", request.topicPrefix() + ".schema-history");
        c.put("include.schema.changes", "false");
        c.put("provide.transaction.metadata", "true");
        c.put("decimal.handling.mode", "precise");
        c.put("time.precision.mode", "adaptive_time_microseconds");
        c.put("bigint.unsigned.handling.mode", "precise");
        c.put("binary.handling.mode", "bytes");
        c.put("enable.time.adjuster", "false"); // else years 0 to 99 are read as 1970 to 2069
        // else one value the binlog reader cannot turn into Java (a date MariaDB took under ALLOW_INVALID_DATES)
        // stops capture of the whole server, again after every restart; with warn it logs and goes on
        c.put("event.processing.failure.handling.mode", "warn");
        // a NOT NULL date whose zero value the binlog reader turns into null would arrive as 1970-01-01: sent as
        // text, the zero date as 0000-00-00 (bisync-connect-converters' jar in the connector's plugin folder)
        c.put("converters", "bisync_zero_date");
        c.put("bisync_zero_date.type", "dev.bisync.connect.ZeroDateConverter");
        c.put("poll.interval.ms", "10");
        c.put("snapshot.mode", request.snapshotMode());
        c.put("tombstones.on.delete", "true");
        return c;
    }

    static Map<String, String> required(CaptureRequest request, MySqlVariant variant) {
        Map<String, String> all = config(request, variant);
        List<String> keys = new ArrayList<>(REQUIRED);
        keys.addAll(CAPTURE_FILTER);
        Map<String, String> required = new LinkedHashMap<>();
        keys.stream().filter(all::containsKey).forEach(key -> required.put(key, all.get(key)));
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

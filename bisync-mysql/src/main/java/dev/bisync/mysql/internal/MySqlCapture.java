package dev.bisync.mysql.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.Capture;
import dev.bisync.spi.dialect.CaptureRequest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capture of MySQL/MariaDB: the binlog settings it needs, and the Debezium MariaDB (3.5) or MySQL connector
 * configuration bisync needs: the GTID filter that drops bisync's
 * writes at capture (MariaDB), transaction metadata, schema history in Kafka, and handling modes that keep every
 * value exact (precise decimals and unsigned bigints, microsecond times, bytes, years 0 to 99 as they are).
 */
final class MySqlCapture implements Capture {

    /** The settings bidirectional use depends on, besides the capture filter; an existing connector must match. */
    private static final List<String> REQUIRED = List.of("connector.class", "topic.prefix", "database.include.list",
            "table.include.list", "provide.transaction.metadata", "decimal.handling.mode", "time.precision.mode",
            "bigint.unsigned.handling.mode", "binary.handling.mode", "enable.time.adjuster",
            "event.processing.failure.handling.mode", "converters", "bisync_zero_date.type");
    private static final List<String> CAPTURE_FILTER = List.of("gtid.source.excludes", "gtid.source.filter.dml.events");

    private final MySqlVariant variant;

    MySqlCapture(MySqlVariant variant) {
        this.variant = variant;
    }

    @Override
    public Map<String, String> databaseSettings(CaptureRequest request) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", variant.connectorClass());
        c.put("database.server.id", String.valueOf(request.connectorServerId()));
        c.put("database.include.list", regexLiteral(request.namespace()));
        variant.echoMark().addCaptureFilter(c, request.echo());
        c.put("schema.history.internal.kafka.bootstrap.servers", request.kafkaBootstrapServers());
        c.put("schema.history.internal.kafka.topic", request.topicPrefix() + ".schema-history");
        c.put("include.schema.changes", "false");
        c.put("bigint.unsigned.handling.mode", "precise");
        c.put("enable.time.adjuster", "false"); // else years 0 to 99 are read as 1970 to 2069
        // an event the binlog reader cannot turn into Java (a date MariaDB took under ALLOW_INVALID_DATES) would stop
        // capture of the whole server, again after every restart: the common "warn" logs it and goes on
        // a NOT NULL date whose zero value the binlog reader turns into null would arrive as 1970-01-01: sent as
        // text, the zero date as 0000-00-00 (bisync-connect-converters' jar in the connector's plugin folder)
        c.put("converters", "bisync_zero_date");
        c.put("bisync_zero_date.type", "dev.bisync.connect.ZeroDateConverter");
        return c;
    }

    @Override
    public List<String> requiredKeys() {
        List<String> keys = new ArrayList<>(REQUIRED);
        keys.addAll(CAPTURE_FILTER);
        return keys;
    }

    @Override
    public List<String> checkCapture(Connection connection, List<TableId> tables) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@global.binlog_format, @@global.binlog_row_image")) {
            rs.next();
            if (!"ROW".equalsIgnoreCase(rs.getString(1))) {
                problems.add("binlog_format is " + rs.getString(1) + ": set binlog_format=ROW in the server config");
            }
            if (!"FULL".equalsIgnoreCase(rs.getString(2))) {
                problems.add("binlog_row_image is " + rs.getString(2)
                        + ": set binlog_row_image=FULL in the server config");
            }
        }
        return problems;
    }

    /** A name as a regex that matches it alone (Debezium reads {@code database.include.list} as regexes). */
    private static String regexLiteral(String name) {
        return name.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
    }
}

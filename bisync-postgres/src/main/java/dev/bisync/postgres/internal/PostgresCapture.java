package dev.bisync.postgres.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.Capture;
import dev.bisync.spi.dialect.CaptureRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Capture of PostgreSQL: full before-images ({@code REPLICA IDENTITY FULL}), and the Debezium PostgreSQL connector
 * configuration (3.6) bisync needs: on PostgreSQL 16 and newer pgoutput with {@code origin=none}, so that bisync's
 * writes (made under a replication origin) are never captured (PostgreSQL 15's pgoutput refuses the option: there
 * they are captured, with {@code source.origin}, and recognised on consume); transaction metadata; and handling modes
 * that keep every value exact (precise decimals, numeric as exact text through bisync's converter so that NaN and
 * ±Infinity arrive, microsecond times, bytes, ISO intervals, json hstore, the source type of char(n) columns).
 */
final class PostgresCapture implements Capture {

    /** For PostgreSQL 16 and newer: bisync's writes are dropped at capture. */
    static final PostgresCapture FILTERING_ORIGINS = new PostgresCapture(true);
    /** For PostgreSQL 15: bisync's writes are captured and recognised on consume by {@code source.origin}. */
    static final PostgresCapture KEEPING_ORIGINS = new PostgresCapture(false);

    /** The settings bidirectional use depends on; an existing connector must have exactly these values. */
    private static final List<String> REQUIRED = List.of("connector.class", "plugin.name", "topic.prefix",
            "table.include.list", "slot.stream.params", "provide.transaction.metadata", "decimal.handling.mode",
            "time.precision.mode", "binary.handling.mode", "interval.handling.mode", "hstore.handling.mode",
            "datatype.propagate.source.type", "event.processing.failure.handling.mode", "converters",
            "bisync_numeric.type", "bisync_array.type");

    private final boolean filterOrigins;

    private PostgresCapture(boolean filterOrigins) {
        this.filterOrigins = filterOrigins;
    }

    @Override
    public Map<String, String> databaseSettings(CaptureRequest request) {
        String id = request.connectorName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("plugin.name", "pgoutput");
        c.put("database.dbname", request.database());
        c.put("slot.name", id);
        c.put("publication.name", id + "_pub");
        c.put("publication.autocreate.mode", "filtered");
        if (filterOrigins) {
            c.put("slot.stream.params", "origin=none");
        }
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
        return c;
    }

    @Override
    public List<String> requiredKeys() {
        return REQUIRED;
    }

    /** On PostgreSQL 15: an {@code origin} option in {@code slot.stream.params} stops the connector from streaming. */
    @Override
    public List<String> checkConnector(Map<String, String> existing) {
        String params = existing.get("slot.stream.params");
        if (filterOrigins || params == null || !params.contains("origin")) {
            return List.of();
        }
        return List.of("slot.stream.params is '" + params + "': remove its origin option (PostgreSQL 15's pgoutput "
                + "refuses it, so the connector cannot stream; bisync recognises its own writes by source.origin)");
    }

    /**
     * Each publication that holds a synced table but not the marker table: pgoutput sends only its publication's
     * tables. No publication holding a synced table yet is no problem: the connector makes one from its include list.
     */
    @Override
    public List<String> checkMarkerCapture(Connection connection, List<TableId> tables, TableId markers)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT p.pubname FROM pg_catalog.pg_publication p "
                + "WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_publication_tables t WHERE t.pubname = p.pubname "
                + "AND t.schemaname = ? AND t.tablename = ANY (?)) AND NOT EXISTS (SELECT 1 FROM "
                + "pg_catalog.pg_publication_tables t WHERE t.pubname = p.pubname AND t.schemaname = ? "
                + "AND t.tablename = ?) ORDER BY p.pubname")) {
            ps.setString(1, markers.namespace());
            ps.setArray(2, connection.createArrayOf("text", tables.stream()
                    .filter(t -> t.namespace().equals(markers.namespace())).map(TableId::name).toArray()));
            ps.setString(3, markers.namespace());
            ps.setString(4, markers.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    problems.add("publication " + rs.getString(1) + " holds the synced tables but not " + markers
                            + ", whose changes mark bisync's own transactions: run ALTER PUBLICATION "
                            + PostgresStatements.SQL.quote(rs.getString(1)) + " ADD TABLE "
                            + PostgresStatements.SQL.table(markers));
                }
            }
        }
        return problems;
    }

    @Override
    public List<String> checkCapture(Connection connection, List<TableId> tables) throws SQLException {
        return PostgresCatalog.tablesWithoutFullReplicaIdentity(connection, tables).stream()
                .map(t -> "table " + t + " logs only its key on update and delete: run ALTER TABLE "
                        + PostgresStatements.SQL.table(t) + " REPLICA IDENTITY FULL")
                .toList();
    }
}

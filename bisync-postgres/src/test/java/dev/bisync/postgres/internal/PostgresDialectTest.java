package dev.bisync.postgres.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.CaptureRequest;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.StoreType;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.FailureKind;
import dev.bisync.spi.dialect.TableMetadata;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the PostgreSQL dialect that need no server: SQL texts, connector settings, error classes. */
class PostgresDialectTest {

    private static final EchoIdentity ECHO = new EchoIdentity("bisync_shop", 45_404);
    private static final CaptureRequest REQUEST = new CaptureRequest("Shop-PG.connector", "db", 5432, "shop",
            "public", List.of("orders", "order$lines"), "debezium", "secret", "shop_pg", ECHO, "kafka:9092", 0,
            "no_data");
    private final PostgresDialect dialect = new PostgresDialect("PostgreSQL 18.6", 18);

    @Test
    void connectorConfigDropsOwnWritesAndKeepsValuesExact() {
        Map<String, String> c = dialect.capture().connectorConfig(REQUEST);
        assertEquals("io.debezium.connector.postgresql.PostgresConnector", c.get("connector.class"));
        assertEquals("pgoutput", c.get("plugin.name"));
        assertEquals("origin=none", c.get("slot.stream.params"));
        assertEquals("public.orders,public.order\\$lines", c.get("table.include.list"));
        assertEquals("shop_pg_connector", c.get("slot.name"));
        assertEquals("shop_pg_connector_pub", c.get("publication.name"));
        assertEquals("filtered", c.get("publication.autocreate.mode"));
        assertEquals("shop", c.get("database.dbname"));
        assertEquals("db", c.get("database.hostname"));
        assertEquals("5432", c.get("database.port"));
        assertEquals("shop_pg", c.get("topic.prefix"));
        assertEquals("no_data", c.get("snapshot.mode"));
        assertEquals("10", c.get("poll.interval.ms"));
        assertEquals("true", c.get("provide.transaction.metadata"));
        assertEquals("precise", c.get("decimal.handling.mode"));
        assertEquals("adaptive_time_microseconds", c.get("time.precision.mode"));
        assertEquals("bytes", c.get("binary.handling.mode"));
        assertEquals("string", c.get("interval.handling.mode"));
        assertEquals("json", c.get("hstore.handling.mode"));
        assertEquals("(?i).+\\.bpchar", c.get("datatype.propagate.source.type"));
        assertEquals("true", c.get("tombstones.on.delete"));
    }

    @Test
    void requiredSettingsAreTheSubsetCorrectnessDependsOn() {
        Map<String, String> required = dialect.capture().requiredConnectorSettings(REQUEST);
        Map<String, String> all = dialect.capture().connectorConfig(REQUEST);
        required.forEach((key, value) -> assertEquals(all.get(key), value, key));
        assertEquals(List.of("connector.class", "plugin.name", "topic.prefix", "table.include.list",
                "slot.stream.params", "provide.transaction.metadata", "decimal.handling.mode", "time.precision.mode",
                "binary.handling.mode", "interval.handling.mode", "hstore.handling.mode",
                "datatype.propagate.source.type", "event.processing.failure.handling.mode", "converters",
                "bisync_numeric.type", "bisync_array.type"),
                List.copyOf(required.keySet()));
        assertEquals("warn", required.get("event.processing.failure.handling.mode"));
    }

    @Test
    void statementsQuoteEveryIdentifier() {
        TableMetadata t = new TableMetadata(TableId.of("sales", "Order\"s"), List.of(column("id"), column("k\"2"),
                column("note")), List.of("id", "k\"2"));
        assertEquals("\"a\"\"b\"", dialect.statements().quote("a\"b"));
        assertEquals("INSERT INTO \"sales\".\"Order\"\"s\" (\"id\", \"k\"\"2\", \"note\") VALUES (?, ?, ?) "
                + "ON CONFLICT (\"id\", \"k\"\"2\") DO UPDATE SET \"note\" = EXCLUDED.\"note\"",
                dialect.statements().upsertSql(t, t.columns()));
        assertEquals("INSERT INTO \"sales\".\"Order\"\"s\" (\"id\", \"k\"\"2\") VALUES (?, ?) "
                + "ON CONFLICT (\"id\", \"k\"\"2\") DO NOTHING", dialect.statements().upsertSql(t, t.keyColumns()));
        assertEquals("DELETE FROM \"sales\".\"Order\"\"s\" WHERE \"id\" = ? AND \"k\"\"2\" = ?", dialect.statements().deleteSql(t));
        assertEquals("SELECT \"id\", \"k\"\"2\", \"note\" FROM \"sales\".\"Order\"\"s\" "
                + "WHERE (\"id\", \"k\"\"2\") IN ((?, ?), (?, ?)) ORDER BY \"id\", \"k\"\"2\" FOR UPDATE",
                dialect.statements().selectByKeysSql(t, 2));
        assertThrows(IllegalArgumentException.class, () -> dialect.statements().upsertSql(t, List.of(column("note"))));
    }

    @Test
    void classifiesBySqlStateThroughTheChain() {
        assertEquals(FailureKind.PERMANENT, dialect.failures().classify(new SQLException("dup", "23505")));
        assertEquals(FailureKind.PERMANENT, dialect.failures().classify(new SQLException("range", "22003")));
        assertEquals(FailureKind.PERMANENT, dialect.failures().classify(new SQLException("column", "42703")));
        assertEquals(FailureKind.PERMANENT, dialect.failures().classify(new SQLException("ON CONFLICT DO UPDATE command cannot "
                + "affect row a second time", "21000")));
        assertEquals(FailureKind.FATAL, dialect.failures().classify(new SQLException("password", "28P01")));
        assertEquals(FailureKind.FATAL, dialect.failures().classify(new SQLException("privilege", "42501")));
        assertEquals(FailureKind.FATAL, dialect.failures().classify(new SQLException("no table", "42P01")));
        assertEquals(FailureKind.FATAL, dialect.failures().classify(new SQLException("no db", "3D000")));
        assertEquals(FailureKind.TRANSIENT, dialect.failures().classify(new SQLException("serialization", "40001")));
        assertEquals(FailureKind.TRANSIENT, dialect.failures().classify(new SQLException("deadlock", "40P01")));
        assertEquals(FailureKind.TRANSIENT, dialect.failures().classify(new SQLException("io", "08006")));
        assertEquals(FailureKind.TRANSIENT, dialect.failures().classify(new SQLException("shutdown", "57P01")));
        assertEquals(FailureKind.TRANSIENT, dialect.failures().classify(new SQLException("memory", "53200")));
        assertEquals(FailureKind.TRANSIENT, dialect.failures().classify(new SQLException("unknown")));
        BatchUpdateException batch = new BatchUpdateException("batch entry 0 aborted", null, 0, new int[0],
                new SQLException("dup", "23505"));
        assertEquals(FailureKind.PERMANENT, dialect.failures().classify(batch));
        SQLException chained = new SQLException("batch");
        chained.setNextException(new SQLException("fk", "23503"));
        assertEquals(FailureKind.PERMANENT, dialect.failures().classify(chained));
    }

    @Test
    void echoPreventionIsDescribedForTheLog() {
        String text = dialect.writers().describe(ECHO);
        assertTrue(text.contains("bisync_shop_") && text.contains("origin=none") && text.contains("source.origin"),
                text);
    }

    @Test
    void namesTheKindsOfBisyncsOwnColumnsAndItsUpsert() {
        assertEquals("timestamptz", dialect.store().type(StoreType.INSTANT, 0));
        assertEquals("varchar(249)", dialect.store().type(StoreType.VARCHAR, 249));
        assertEquals("bigint GENERATED ALWAYS AS IDENTITY", dialect.store().type(StoreType.GENERATED_KEY, 0));
        assertEquals("ON CONFLICT (\"lane\", \"topic\") DO UPDATE SET \"next_offset\" = EXCLUDED.\"next_offset\", "
                + "\"updated_at\" = now()", dialect.statements().upsertClause(List.of("lane", "topic"), List.of("next_offset"),
                List.of("updated_at")));
    }

    private static ColumnMetadata column(String name) {
        return new ColumnMetadata(name, Types.INTEGER, "int4", 10, 0, false, List.of());
    }
}

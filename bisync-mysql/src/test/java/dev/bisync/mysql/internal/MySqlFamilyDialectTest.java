package dev.bisync.mysql.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.CaptureRequest;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.FailureKind;
import dev.bisync.spi.dialect.TableMetadata;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the MySQL-family dialect that need no server: SQL texts, connector settings, errors, echo marks. */
class MySqlFamilyDialectTest {

    private static final EchoIdentity ECHO = new EchoIdentity("bisync_shop", 45_404);
    private static final CaptureRequest REQUEST = new CaptureRequest("shop-maria", "db", 3306, "shop", "shop",
            List.of("orders", "order.lines"), "debezium", "secret", "shop_maria", ECHO, "kafka:9092", 5401,
            "initial");
    private final MySqlFamilyDialect mariadb = new MySqlFamilyDialect("MariaDB 11.4.5", MySqlVariant.MARIADB);
    private final MySqlFamilyDialect mysql = new MySqlFamilyDialect("MySQL 8.4.3", MySqlVariant.MYSQL);

    @Test
    void mariaDbConnectorDropsOwnWritesAndKeepsValuesExact() {
        Map<String, String> c = mariadb.capture().connectorConfig(REQUEST);
        assertEquals("io.debezium.connector.mariadb.MariaDbConnector", c.get("connector.class"));
        assertEquals("45404-.*", c.get("gtid.source.excludes"));
        assertEquals("true", c.get("gtid.source.filter.dml.events"));
        assertEquals("5401", c.get("database.server.id"));
        assertEquals("shop", c.get("database.include.list"));
        assertEquals("shop.orders,shop.order\\.lines", c.get("table.include.list"));
        assertEquals("kafka:9092", c.get("schema.history.internal.kafka.bootstrap.servers"));
        assertEquals("shop_maria.schema-history", c.get("schema.history.internal.kafka.topic"));
        assertEquals("false", c.get("include.schema.changes"));
        assertEquals("true", c.get("provide.transaction.metadata"));
        assertEquals("precise", c.get("decimal.handling.mode"));
        assertEquals("adaptive_time_microseconds", c.get("time.precision.mode"));
        assertEquals("precise", c.get("bigint.unsigned.handling.mode"));
        assertEquals("bytes", c.get("binary.handling.mode"));
        assertEquals("false", c.get("enable.time.adjuster"));
        assertEquals("10", c.get("poll.interval.ms"));
        assertEquals("initial", c.get("snapshot.mode"));
        assertEquals("db", c.get("database.hostname"));
        assertEquals("3306", c.get("database.port"));
        assertEquals("shop_maria", c.get("topic.prefix"));
    }

    @Test
    void mysqlConnectorHasNoGtidFilter() {
        Map<String, String> c = mysql.capture().connectorConfig(REQUEST);
        assertEquals("io.debezium.connector.mysql.MySqlConnector", c.get("connector.class"));
        assertFalse(c.containsKey("gtid.source.excludes"));
        assertFalse(mysql.capture().requiredConnectorSettings(REQUEST).containsKey("gtid.source.excludes"));
    }

    @Test
    void requiredSettingsAreTheSubsetCorrectnessDependsOn() {
        Map<String, String> required = mariadb.capture().requiredConnectorSettings(REQUEST);
        Map<String, String> all = mariadb.capture().connectorConfig(REQUEST);
        required.forEach((key, value) -> assertEquals(all.get(key), value, key));
        assertEquals(List.of("connector.class", "topic.prefix", "database.include.list", "table.include.list",
                "provide.transaction.metadata", "decimal.handling.mode", "time.precision.mode",
                "bigint.unsigned.handling.mode", "binary.handling.mode", "enable.time.adjuster",
                "event.processing.failure.handling.mode", "converters", "bisync_zero_date.type",
                "gtid.source.excludes", "gtid.source.filter.dml.events"),
                List.copyOf(required.keySet()));
        assertEquals("warn", required.get("event.processing.failure.handling.mode"),
                "one value the binlog reader cannot read must not stop capture");
    }

    @Test
    void statementsQuoteEveryIdentifier() {
        TableMetadata t = new TableMetadata(TableId.of("shop", "Order`s"), List.of(column("id"), column("k`2"),
                column("note")), List.of("id", "k`2"));
        assertEquals("`a``b`", mariadb.statements().quote("a`b"));
        assertEquals("INSERT INTO `shop`.`Order``s` (`id`, `k``2`, `note`) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE `note` = VALUES(`note`)", mariadb.statements().upsertSql(t, t.columns()));
        assertEquals("INSERT INTO `shop`.`Order``s` (`id`, `k``2`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `id` = `id`",
                mariadb.statements().upsertSql(t, t.keyColumns()));
        assertEquals("DELETE FROM `shop`.`Order``s` WHERE `id` = ? AND `k``2` = ?", mariadb.statements().deleteSql(t));
        assertEquals("SELECT `id`, `k``2`, `note` FROM `shop`.`Order``s` "
                + "WHERE (`id`, `k``2`) IN ((?, ?), (?, ?)) ORDER BY `id`, `k``2` FOR UPDATE",
                mariadb.statements().selectByKeysSql(t, 2));
        assertEquals("SELECT `id`, `k``2`, `note` FROM `shop`.`Order``s` WHERE (`id`, `k``2`) IN ((?, ?)) "
                + "ORDER BY `id`, `k``2` FOR UPDATE",
                mysql.statements().selectByKeysSql(t, 1));
    }

    @Test
    void classifiesByVendorCodeThroughTheChain() {
        assertEquals(FailureKind.PERMANENT, mariadb.failures().classify(new SQLException("dup", "23000", 1062)));
        assertEquals(FailureKind.PERMANENT, mariadb.failures().classify(new SQLException("range", "22003", 1264)));
        assertEquals(FailureKind.PERMANENT, mariadb.failures().classify(new SQLException("column", "42S22", 1054)));
        assertEquals(FailureKind.FATAL, mariadb.failures().classify(new SQLException("password", "28000", 1045)));
        assertEquals(FailureKind.FATAL, mariadb.failures().classify(new SQLException("privilege", "42000", 1227)));
        assertEquals(FailureKind.FATAL, mariadb.failures().classify(new SQLException("no table", "42S02", 1146)));
        assertEquals(FailureKind.TRANSIENT, mariadb.failures().classify(new SQLException("deadlock", "40001", 1213)));
        assertEquals(FailureKind.TRANSIENT, mariadb.failures().classify(new SQLException("lock wait", "HY000", 1205)));
        assertEquals(FailureKind.TRANSIENT, mariadb.failures().classify(new SQLException("link failure", "08S01", 0)));
        assertEquals(FailureKind.TRANSIENT, mariadb.failures().classify(new SQLException("killed", "70100", 1927)));
        assertEquals(FailureKind.TRANSIENT, mariadb.failures().classify(new SQLException("unknown", "HY000", 9999)));
        BatchUpdateException batch = new BatchUpdateException("batch", "23000", 0, new int[0],
                new SQLException("fk", "23000", 1452));
        assertEquals(FailureKind.PERMANENT, mariadb.failures().classify(batch));
    }

    @Test
    void ownWritesAreRecognisedByGtid() {
        assertTrue(mariadb.writers().isOwnWrite(event("45404-11-7"), ECHO));
        assertFalse(mariadb.writers().isOwnWrite(event("0-11-7"), ECHO));
        assertFalse(mariadb.writers().isOwnWrite(event("454041-11-7"), ECHO));
        assertTrue(mysql.writers().isOwnWrite(event("3e11fa47-71ca-11e1-9e33-c80aa9429562:bisync_shop:12"), ECHO));
        assertFalse(mysql.writers().isOwnWrite(event("3e11fa47-71ca-11e1-9e33-c80aa9429562:12"), ECHO));
        assertFalse(mysql.writers().isOwnWrite(event("3e11fa47-71ca-11e1-9e33-c80aa9429562:bisync_shop_x:12"), ECHO));
        assertTrue(mariadb.writers().describe(ECHO).contains("gtid.source.excludes=45404-.*"));
        assertTrue(mysql.writers().describe(ECHO).contains("AUTOMATIC:bisync_shop"));
    }

    @Test
    void enumMembersAreParsedFromTheColumnType() {
        assertEquals(List.of("a\\b", "x,y", "", "it's", "Ä"),
                SqlStringList.parse("enum('a\\\\b','x,y','','it''s','Ä')"));
        assertEquals(List.of("x"), SqlStringList.parse("set('x')"));
    }

    private static ChangeEvent event(String gtid) {
        RowImage key = RowImage.of(Map.of("id", 1));
        return new ChangeEvent(Operation.CREATE, TableId.of("shop", "t"), key, null, key,
                new SourcePosition(1, 1, "pos"), Instant.now(), gtid, new SourceMetadata("mariadb", null, 11, gtid));
    }

    private static ColumnMetadata column(String name) {
        return new ColumnMetadata(name, Types.INTEGER, "int", 10, 0, false, List.of());
    }
}

package dev.bisync.core.internal.decode;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.TableId;
import dev.bisync.mysql.MySqlDialectProvider;
import dev.bisync.spi.EchoIdentity;
import dev.bisync.spi.dialect.Dialect;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

import static dev.bisync.core.internal.decode.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records of Debezium's MySQL connector ({@code debezium-connector-mysql}), which cannot run where bisync is built (no
 * MySQL binaries on Maven Central, no Docker): envelopes built as Debezium's MySQL documentation shows them — the
 * source block ({@code connector "mysql"}, {@code server_id}, {@code gtid} as {@code <server uuid>:<sequence>}, or
 * {@code <server uuid>:<tag>:<sequence>} for a tagged GTID from MySQL 8.3+, {@code file}, {@code pos}, {@code row},
 * {@code thread}, {@code query}), the {@code transaction} block, and the BEGIN/END records of the transaction topic,
 * whose {@code id} is the GTID — decode into the changes, transaction keys and source positions the lanes order and
 * filter by; and bisync's own tagged writes are recognised.
 */
class MySqlEnvelopeTest {

    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private final DebeziumDecoder decoder = new DebeziumDecoder();

    /** A value as the JSON converter writes it without schemas: the envelope's fields at the top. */
    private static byte[] envelope(String op, String before, String after, String gtid, String file, long pos,
            int row, String transactionId, long totalOrder) {
        String transaction = transactionId == null ? "null" : "{\"id\": \"" + transactionId + "\", \"total_order\": "
                + totalOrder + ", \"data_collection_order\": " + totalOrder + "}";
        return ("{\"before\": " + before + ", \"after\": " + after + ", \"source\": {\"version\": \"3.6.1.Final\", "
                + "\"connector\": \"mysql\", \"name\": \"shop_mysql\", \"ts_ms\": 1764928800000, \"snapshot\": "
                + "\"false\", \"db\": \"shop\", \"sequence\": null, \"ts_us\": 1764928800000000, \"ts_ns\": "
                + "1764928800000000000, \"table\": \"orders\", \"server_id\": 223344, \"gtid\": "
                + (gtid == null ? "null" : "\"" + gtid + "\"") + ", \"file\": \"" + file + "\", \"pos\": " + pos
                + ", \"row\": " + row + ", \"thread\": 36, \"query\": null}, \"transaction\": " + transaction
                + ", \"op\": \"" + op + "\", \"ts_ms\": 1764928800123}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(int id) {
        return ("{\"id\": " + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    private Decoded.Change change(byte[] value, int id) {
        Decoded decoded = decoder.decode("shop_mysql.shop.orders", key(id), value);
        return assertInstanceOf(Decoded.Change.class, decoded, () -> "decoded to " + decoded);
    }

    @Test
    void anUpdateCarriesTableRowsServerIdGtidAndItsTransactionsPlaceInTheBinlog() {
        String gtid = UUID + ":23";
        Decoded.Change decoded = change(envelope("u", "{\"id\": 1, \"status\": \"paid\"}",
                "{\"id\": 1, \"status\": \"shipped\"}", gtid, "mysql-bin.000003", 4015, 0, gtid, 2), 1);
        ChangeEvent update = decoded.event();
        assertEquals(Operation.UPDATE, update.operation());
        assertEquals(TableId.of("shop", "orders"), update.table());
        assertEquals(row("id", 1L, "status", "paid"), update.before());
        assertEquals(row("id", 1L, "status", "shipped"), update.after());
        assertEquals(row("id", 1L), update.key(), "without schemas a JSON integer decodes as a Long");
        assertEquals(new SourceMetadata("mysql", null, 223344, gtid), update.source());
        assertEquals(gtid, update.transactionId());
        assertEquals(Instant.ofEpochMilli(1764928800000L), update.commitTime());
        // the transaction's place: binlog file 3, the position where the transaction starts; then its total order
        assertEquals((3L << 40) | 4015, update.position().transactionOrder());
        assertEquals(2, update.position().eventOrder());
        TransactionMarker end = TransactionMarker.parse(("{\"status\": \"END\", \"id\": \"" + gtid + "\", "
                + "\"event_count\": 2, \"data_collections\": [{\"data_collection\": \"shop.orders\", \"event_count\": "
                + "2}], \"ts_ms\": 1764928800124}").getBytes(StandardCharsets.UTF_8));
        assertTrue(end.end());
        assertEquals(Map.of("shop.orders", 2L), end.counts());
        assertEquals(end.key(false), decoded.transactionKey(),
                "a change and its transaction's END record name the transaction alike");
    }

    @Test
    void withoutGtidsATransactionIsNamedByItsBinlogPosition() {
        ChangeEvent insert = change(envelope("c", "null", "{\"id\": 2, \"status\": \"pending\"}", null,
                "mysql-bin.000007", 154, 0, null, -1), 2).event();
        assertEquals(Operation.CREATE, insert.operation());
        assertEquals("mysql-bin.000007:154", insert.transactionId());
        assertEquals((7L << 40) | 154, insert.position().transactionOrder());
        assertEquals(0, insert.position().eventOrder(), "no transaction metadata: the row's index in its event");
    }

    @Test
    void transactionsLaterInTheBinlogSortAfterEarlierOnesAcrossFiles() {
        ChangeEvent early = change(envelope("c", "null", "{\"id\": 3}", UUID + ":99", "mysql-bin.000003",
                9_000_000, 0, UUID + ":99", 1), 3).event();
        ChangeEvent late = change(envelope("c", "null", "{\"id\": 4}", UUID + ":100", "mysql-bin.000004", 4, 0,
                UUID + ":100", 1), 4).event();
        assertTrue(early.position().transactionOrder() < late.position().transactionOrder());
    }

    @Test
    void bisyncsTaggedWritesFromMySql83AreRecognisedAndOthersAreNot() throws SQLException {
        Dialect mysql = new MySqlDialectProvider().create(metadata("8.4.3"));
        EchoIdentity echo = new EchoIdentity("bisync_shop", 45_404);
        ChangeEvent own = change(envelope("c", "null", "{\"id\": 5}", UUID + ":bisync_shop:12", "mysql-bin.000003",
                5000, 0, UUID + ":bisync_shop:12", 1), 5).event();
        ChangeEvent application = change(envelope("c", "null", "{\"id\": 6}", UUID + ":13", "mysql-bin.000003",
                6000, 0, UUID + ":13", 1), 6).event();
        ChangeEvent otherTag = change(envelope("c", "null", "{\"id\": 7}", UUID + ":bisync_shop_eu:14",
                "mysql-bin.000003", 7000, 0, UUID + ":bisync_shop_eu:14", 1), 7).event();
        assertEquals(UUID + ":bisync_shop:12", own.source().gtid());
        assertTrue(mysql.writers().isOwnWrite(own, echo));
        assertFalse(mysql.writers().isOwnWrite(application, echo));
        assertFalse(mysql.writers().isOwnWrite(otherTag, echo), "another sync's tag is not ours");
    }

    /** Server metadata as mysql-connector-j reports it for a MySQL server of this version. */
    private static DatabaseMetaData metadata(String version) {
        return (DatabaseMetaData) Proxy.newProxyInstance(MySqlEnvelopeTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> "MySQL";
                    case "getDatabaseProductVersion" -> version;
                    case "getDatabaseMajorVersion" -> Integer.parseInt(version.split("\\.")[0]);
                    case "getDatabaseMinorVersion" -> Integer.parseInt(version.split("\\.")[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

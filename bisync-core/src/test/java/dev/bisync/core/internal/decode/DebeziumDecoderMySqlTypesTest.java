package dev.bisync.core.internal.decode;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.JsonText;
import dev.bisync.api.RowImage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static dev.bisync.core.internal.decode.Rows.change;
import static dev.bisync.core.internal.decode.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * MariaDB 11.4 column types as Debezium's MariaDB connector 3.5.0 writes them (captured), with its defaults and with
 * other handling modes ({@code deccapmariam}), and the MySQL connector's flavour (hand-written, see the fixture's
 * comment: MySQL 8 cannot run here).
 */
class DebeziumDecoderMySqlTypesTest {

    private static final String TYPES = "deccapmaria/deccapmaria.app.dec_maria_types.json";
    private static final String MODES = "deccapmariam/deccapmariam.app.dec_maria_types.json";

    private final DebeziumDecoder decoder = new DebeziumDecoder();

    @Test
    void everyColumnTypeDecodesToItsCanonicalValue() {
        RowImage after = change(decoder, Fixtures.load(TYPES, 0)).after();
        assertEquals(ExpectedRows.mariaDbRow1(), after);
    }

    @Test
    void timeBeyondADayOrNegativeIsADuration() {
        RowImage after = change(decoder, Fixtures.load(TYPES, 1)).after();
        assertEquals(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), after.get("c_time"));
        assertEquals(LocalTime.MIDNIGHT, after.get("c_time6"));
    }

    @Test
    void otherHandlingModesDecodeToTheirTypes() {
        RowImage after = change(decoder, Fixtures.load(MODES, 0)).after();
        assertEquals(new BigInteger("18446744073709551615"), after.get("c_big_u"),
                "bigint.unsigned.handling.mode=precise with column.propagate.source.type");
        assertEquals("123456789.125", after.get("c_decimal"), "decimal.handling.mode=string");
        assertEquals(LocalDateTime.parse("2024-02-29T13:14:15.123"), after.get("c_datetime6"), "connect Timestamp");
        assertNull(after.get("c_time"), "time.precision.mode=connect cannot hold 838:59:59: the connector sends null");
        assertEquals(LocalDate.of(2024, 2, 29), after.get("c_date"));
    }

    @Test
    void mysqlConnectorEventsDecodeLikeMariaDbOnes() {
        ChangeEvent order = change(decoder, Fixtures.load("handwritten/mysql1.json", 0));
        assertEquals("inventory.orders", order.table().toString());
        assertEquals(row("id", 1001, "details", new JsonText("{\"gift\": true}"),
                "handling_time", Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                "placed_at", Instant.parse("2024-03-29T11:54:15Z")), order.after());
        assertEquals("mysql", order.source().connector());
        assertEquals(223344, order.source().serverId());
        assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562:bisync:23", order.source().gtid());
        assertEquals(order.source().gtid(), order.transactionId());
        assertEquals("mysql-bin.000003:4711 row 0", order.position().text());
        ChangeEvent line = change(decoder, Fixtures.load("handwritten/mysql1.json", 1));
        assertEquals(new BigDecimal("123.45"), line.after().get("price"));
        ChangeEvent update = change(decoder, Fixtures.load("handwritten/mysql1.json", 2));
        assertEquals(Duration.ofSeconds(-1), update.after().get("handling_time"));
        assertEquals(-1, Integer.signum(order.position().compareTo(line.position())));
        assertEquals(-1, Integer.signum(line.position().compareTo(update.position())));
    }
}

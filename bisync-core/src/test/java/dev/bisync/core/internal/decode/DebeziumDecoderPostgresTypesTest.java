package dev.bisync.core.internal.decode;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.JsonText;
import dev.bisync.api.RowImage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import static dev.bisync.core.internal.decode.Rows.base64;
import static dev.bisync.core.internal.decode.Rows.change;
import static dev.bisync.core.internal.decode.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL 18 column types, as Debezium 3.6.1 writes them (captured), decode to their canonical Java values: with
 * the connector's defaults ({@code decimal.handling.mode=precise}, {@code time.precision.mode=adaptive},
 * {@code interval.handling.mode=numeric}) and with the other modes ({@code deccappgm}: connect, double, string, map).
 */
class DebeziumDecoderPostgresTypesTest {

    private static final String TYPES = "deccappg/deccappg.public.dec_pg_types.json";

    private final DebeziumDecoder decoder = new DebeziumDecoder();

    @Test
    void everyColumnTypeDecodesToItsCanonicalValue() {
        RowImage after = change(decoder, Fixtures.load(TYPES, 0)).after();
        assertEquals(ExpectedRows.postgresRow1(true), after);
        assertEquals(List.of("id", "c_int2", "c_int4"), after.columns().stream().limit(3).toList(), "schema order");
    }

    @Test
    void nullsTimeOfTwentyFourHoursAndInfinityDecode() {
        RowImage after = change(decoder, Fixtures.load(TYPES, 1)).after();
        assertEquals(Duration.ofHours(24), after.get("c_time6"), "TIME '24:00' is no LocalTime");
        assertEquals(Double.NEGATIVE_INFINITY, after.get("c_float8_special"));
        assertEquals(new BigDecimal("-0.000001"), after.get("c_numeric_var"));
        assertTrue(after.has("c_text"));
        assertNull(after.get("c_text"));
        assertEquals(40, after.size());
    }

    @Test
    void updateWithFullReplicaIdentityCarriesBothImages() {
        ChangeEvent update = change(decoder, Fixtures.load(TYPES, 2));
        assertEquals("héllo wörld ✓", update.before().get("c_text"));
        assertEquals("updated", update.after().get("c_text"));
        assertEquals(new BigDecimal("42"), update.after().get("c_numeric_var"));
        assertEquals(row("id", 1L), update.key());
    }

    @Test
    void unchangedToastedValueIsLeftOutOfTheImage() {
        ChangeEvent update = change(decoder, Fixtures.load("deccappg/deccappg.public.dec_pg_toast.json", 1));
        assertEquals(row("id", 1, "n", 2), update.after());
        assertFalse(update.after().has("big"), "unknown, not null");
    }

    @Test
    void otherHandlingModesDecodeToTheirTypes() {
        RowImage after = change(decoder, Fixtures.load("deccappgm/deccappgm.public.dec_pg_types.json", 0)).after();
        assertEquals(123456789.125, after.get("c_numeric"), "decimal.handling.mode=double");
        assertEquals(12.34, after.get("c_money"));
        assertEquals(LocalDate.of(2024, 2, 29), after.get("c_date"), "connect Date");
        assertEquals(LocalTime.of(23, 59, 59, 999_000_000), after.get("c_time6"), "connect Time: milliseconds");
        assertEquals(LocalDateTime.parse("2024-02-29T13:14:15.123"), after.get("c_ts"), "connect Timestamp");
        assertEquals("P1Y2M3DT4H5M6.789S", after.get("c_interval"), "interval.handling.mode=string");
        assertEquals(new JsonText("{\"a\":\"1\",\"b\":null}"), after.get("c_hstore"), "hstore.handling.mode=map");
        assertEquals(List.of(1.5, 2.25), after.get("c_num_arr"));
        RowImage second = change(decoder, Fixtures.load("deccappgm/deccappgm.public.dec_pg_types.json", 1)).after();
        assertEquals(Duration.ofHours(24), second.get("c_time6"));
    }

    @Test
    void logicalTypesTheseConnectorsDoNotEmitHereDecodeToo() {
        RowImage after = change(decoder, Fixtures.load("handwritten/logical-types.json", 0)).after();
        assertEquals(-128, after.get("c_int8"));
        assertEquals(LocalTime.of(12, 34, 56, 789_000_000), after.get("c_time_ms"));
        assertEquals(LocalTime.of(12, 34, 56, 123_456_789), after.get("c_time_ns"));
        assertEquals(LocalDateTime.parse("2024-02-29T13:14:15.123456789"), after.get("c_ts_ns"));
        assertEquals(Duration.ofMillis(-1500), after.get("c_duration_ns"));
        assertEquals(Arrays.toString(base64("AQEAAAAAAAAAAADwPwAAAAAAAABA")),
                Arrays.toString((byte[]) after.get("c_geography")));
        assertEquals(Arrays.toString(base64("AQEAAAAAAAAAAADwPwAAAAAAAABA")),
                Arrays.toString((byte[]) after.get("c_point_xy")), "WKB built from x and y");
        assertEquals(Float.NaN, after.get("c_float_nan"));
        assertEquals(Double.POSITIVE_INFINITY, after.get("c_double_inf"));
        assertEquals(new BigDecimal("-1.2345"), after.get("c_decimal_negative"));
    }

    @Test
    void bitsComeBigEndianAtTheirFullLength() {
        RowImage after = change(decoder, Fixtures.load("handwritten/logical-types.json", 0)).after();
        assertEquals(Arrays.toString(new byte[] {0, 1}), Arrays.toString((byte[]) after.get("c_bits_short")),
                "bit(10) value 1: Debezium sends one little-endian byte");
    }

    @Test
    void intervalsWithoutYearsOrMonthsAreDurationsOthersStayText() {
        RowImage after = change(decoder, Fixtures.load("handwritten/logical-types.json", 0)).after();
        assertEquals(Duration.ofDays(3).plusHours(4).plusMinutes(5).plusMillis(6_500), after.get("c_interval_days"));
        assertEquals("P1Y2M0DT0H0M0S", after.get("c_interval_months"));
    }

    @Test
    void charOfPostgresComesWithoutItsPaddingWhenItsTypeIsPropagated() {
        RowImage after = change(decoder, Fixtures.load("handwritten/logical-types.json", 0)).after();
        assertEquals("ab", after.get("c_bpchar"));
    }

    @Test
    void everyFormOfTheUnavailablePlaceholderLeavesTheColumnOut() {
        RowImage after = change(decoder, Fixtures.load("handwritten/logical-types.json", 0)).after();
        for (String column : List.of("c_text_unavailable", "c_bytes_unavailable", "c_text_array_unavailable",
                "c_int_array_unavailable", "c_json_unavailable")) {
            assertFalse(after.has(column), column);
        }
        assertEquals(List.of("a", UnavailablePlaceholder.DEFAULT), after.get("c_text_array_with_placeholder_text"),
                "an element that happens to equal the placeholder is data");
    }

    @Test
    void aConfiguredPlaceholderIsRecognised() {
        DebeziumDecoder custom = new DebeziumDecoder("n/a");
        RowImage after = change(custom, Fixtures.load("deccappg/deccappg.public.dec_pg_toast.json", 1)).after();
        assertEquals(UnavailablePlaceholder.DEFAULT, after.get("big"), "not this connector's placeholder");
    }
}

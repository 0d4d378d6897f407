package dev.bisync.core.internal.decode;

import dev.bisync.api.JsonText;
import dev.bisync.api.RowImage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import static dev.bisync.core.internal.decode.Rows.base64;
import static dev.bisync.core.internal.decode.Rows.bytes;
import static dev.bisync.core.internal.decode.Rows.row;

/** The canonical values of row 1 of the {@link Scenarios} types tables, as the decoder must produce them. */
final class ExpectedRows {

    private ExpectedRows() {
    }

    /** {@link Scenarios#PG_ROW_1} with the connector's default handling modes. */
    static RowImage postgresRow1(boolean extensions) {
        RowImage row = row(
                "id", 1L, "c_int2", -32768, "c_int4", 2147483647, "c_int8", Long.MIN_VALUE,
                "c_numeric", new BigDecimal("123456789.125"), "c_numeric_var", new BigDecimal("3.14159265358979323846"),
                "c_float4", 1.5f, "c_float8", -2.25e100, "c_float8_special", Double.NaN, "c_bool", true,
                "c_text", "héllo wörld ✓", "c_varchar", "varchar", "c_char", "ab   ",
                "c_bytea", bytes(0, 0xff, 0x10),
                "c_date", LocalDate.of(2024, 2, 29), "c_time", LocalTime.of(13, 14, 15),
                "c_time6", LocalTime.of(23, 59, 59, 999_999_000), "c_timetz", OffsetTime.parse("08:11:12.5Z"),
                "c_ts", LocalDateTime.parse("2024-02-29T13:14:15.123456"),
                "c_ts3", LocalDateTime.parse("1969-07-20T20:17:40.5"),
                "c_tstz", Instant.parse("2024-02-29T12:14:15.123456Z"),
                "c_json", new JsonText("{\"b\": 1, \"a\": [true, null]}"),
                "c_jsonb", new JsonText("{\"a\": [true, null], \"b\": 1}"),
                "c_uuid", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "c_enum", "happy",
                "c_bit", bytes(0x02, 0xc1), "c_bit1", true, "c_varbit", bytes(0x00, 0x05),
                // 1 year 2 months 3 days 04:05:06.789 as Debezium counts it (a month is 30 days, a year 365.25)
                "c_interval", Duration.ofSeconds(37091106, 789_000_000),
                "c_int_arr", Arrays.asList(1, 2, null, 4), "c_text_arr", List.of("a", "b c"),
                "c_num_arr", List.of(new BigDecimal("1.50"), new BigDecimal("2.25")),
                "c_inet", "192.168.0.1/24", "c_cidr", "10.0.0.0/8", "c_macaddr", "08:00:2b:01:02:03",
                "c_money", new BigDecimal("12.34"), "c_xml", "<a>1</a>",
                "c_point", base64("AQEAAAAAAAAAAAD4PwAAAAAAAALA"));
        if (!extensions) {
            return row;
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>(row.values());
        values.put("c_ltree", "Top.Science.Astronomy");
        values.put("c_hstore", new JsonText("{\"a\":\"1\",\"b\":null}"));
        return RowImage.of(values);
    }

    /** {@link Scenarios#MARIA_ROW_1} with the connector's default handling modes. */
    static RowImage mariaDbRow1() {
        return row(
                "id", 1L, "c_tiny", -128, "c_tiny_u", 255, "c_small", -32768, "c_small_u", 65535,
                "c_medium", -8388608, "c_int", Integer.MIN_VALUE, "c_int_u", 4294967295L, "c_big", Long.MIN_VALUE,
                // bigint.unsigned.handling.mode=long (the default) wraps 2^64-1 to -1; nothing in the record says so
                "c_big_u", -1L,
                "c_decimal", new BigDecimal("123456789.125"), "c_float", 1.5f, "c_double", -2.25e100,
                "c_bool", 1, "c_varchar", "héllo ✓", "c_char", "ab", "c_text", "text",
                "c_blob", bytes(0, 0xff, 0x10),
                "c_binary", bytes(1, 2, 3, 4), "c_varbinary", bytes(0x0a, 0x0b), "c_date", LocalDate.of(2024, 2, 29),
                "c_time", Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                "c_time6", Duration.ofHours(-12).minusMinutes(34).minusSeconds(56).minusMillis(500),
                "c_datetime", LocalDateTime.parse("2024-02-29T13:14:15"),
                "c_datetime3", LocalDateTime.parse("1969-07-20T20:17:40.5"),
                "c_datetime6", LocalDateTime.parse("2024-02-29T13:14:15.123456"),
                "c_timestamp", Instant.parse("2024-02-29T12:14:15.123456Z"), "c_year", 2024,
                // MariaDB's JSON is LONGTEXT with a CHECK: the connector sees text, not io.debezium.data.Json
                "c_json", "{\"b\": 1, \"a\": [true, null]}",
                "c_enum", "happy", "c_set", "a,c", "c_bit", bytes(0x02, 0xc1), "c_bit1", true,
                "c_geometry", base64("AQEAAAAAAAAAAADwPwAAAAAAAABA"), "c_point", base64("AQEAAAAAAAAAAAD4PwAAAAAAAALA"),
                "c_uuid", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    }
}

package dev.bisync.core.it;

import dev.bisync.api.JsonText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static dev.bisync.core.it.BulkColumn.HOSTILE_TEXT;
import static dev.bisync.core.it.BulkColumn.of;

/**
 * The columns of {@link BulkLoadIT}'s tables per target database, with the canonical values each receives: the Java
 * types the lanes hand to {@code Dialect.bind} (also the other types a binder converts exactly: numbers as text,
 * dates as date-times, UUIDs as bytes ...), the types' edges, and hostile text ({@link BulkColumn#HOSTILE_TEXT}).
 */
final class BulkColumns {

    private static final byte[] BYTES = HexFormat.of().parseHex("00ff105c0a090d4e");

    private BulkColumns() {
    }

    /** PostgreSQL columns of every target type of the type matrix, and a few more (inet, point, arrays, varbit). */
    static List<BulkColumn> postgres() {
        return List.of(
                of("c_int2", "smallint", (short) -32768, 32767, 0L, "12"),
                of("c_int4", "integer", Integer.MIN_VALUE, Integer.MAX_VALUE, (short) 7, 65535L),
                of("c_int8", "bigint", Long.MIN_VALUE, Long.MAX_VALUE, 0, new BigDecimal("4294967295")),
                of("c_num20", "numeric(20,0)", new BigDecimal("18446744073709551615"), BigInteger.ZERO, 5L),
                of("c_num65", "numeric(65,30)", new BigDecimal("12345678901234567890123456789012345.123456789012345678"
                        + "901234567890"), new BigDecimal("-1E-30"), BigDecimal.ZERO, new BigDecimal("1E+3")),
                of("c_num10", "numeric(10,2)", new BigDecimal("-12345678.99"), new BigDecimal("0.5"), 3),
                of("c_numeric", "numeric", new BigDecimal("3.14159265358979323846"), new BigDecimal("-0.000001"),
                        new BigDecimal("1E+3"), new BigDecimal("1.500"), new BigDecimal("1E-10")),
                of("c_money", "money", new BigDecimal("12.34"), new BigDecimal("-0.01"),
                        new BigDecimal("92233720368547758.07")),
                of("c_real", "real", 1.5f, -0.25f, 0.1f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN,
                        Float.NEGATIVE_INFINITY, -0.0f, 3.4028235E38f),
                of("c_double", "double precision", 2.25e100, -2.25e100, 0.1, Double.MAX_VALUE, Double.MIN_VALUE,
                        Double.POSITIVE_INFINITY, Double.NaN, 1.0 / 3, 123456789.125f),
                of("c_bool", "boolean", true, false, 1, 0, "yes"),
                of("c_bit1", "bit(1)", true, false, new byte[] {1}),
                of("c_bit10", "bit(10)", HexFormat.of().parseHex("02c1"), new byte[] {1}, 5L, "1011000001"),
                of("c_bit64", "bit(64)", HexFormat.of().parseHex("ffffffffffffffff"),
                        HexFormat.of().parseHex("8000000000000001")),
                of("c_varbit", "varbit(16)", HexFormat.of().parseHex("00ff"), new byte[] {0, 0}, true),
                of("c_char", "char(5)", "ab", "", "😀", "a\tb", "a\\b"),
                of("c_varchar", "varchar(50)", HOSTILE_TEXT.toArray()),
                of("c_text", "text", concat(HOSTILE_TEXT, "x".repeat(70_000) + "\\\t\n😀").toArray()),
                of("c_bytea", "bytea", BYTES, new byte[0], "\\x5c4e", "text as bytes é",
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                of("c_date", "date", LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29),
                        LocalDate.of(0, 1, 1), LocalDate.of(-44, 3, 15), LocalDate.MAX, LocalDate.MIN, "2020-05-06",
                        LocalDateTime.of(2001, 2, 3, 0, 0)),
                of("c_ts0", "timestamp(0)", LocalDateTime.of(1000, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59,
                        59), Instant.parse("2026-03-29T02:30:00Z")),
                of("c_ts3", "timestamp(3)", LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000),
                        LocalDateTime.of(1, 1, 1, 0, 0).minusDays(400)),
                of("c_ts6", "timestamp(6)", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), LocalDate.of(2020, 1, 1),
                        "2021-07-08 09:10:11.5"),
                of("c_tstz", "timestamptz", Instant.parse("1970-01-01T00:00:01Z"),
                        Instant.parse("2038-01-19T03:14:07.999999Z"), OffsetDateTime.of(2026, 10, 25, 2, 30, 0, 0,
                                ZoneOffset.ofHours(2)), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
                        Instant.parse("0001-01-01T00:00:00Z").minusSeconds(86_400L * 800)),
                of("c_time", "time(6)", LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000),
                        LocalTime.of(13, 14, 15, 500_000_000), Duration.ofDays(1), Duration.ofMinutes(90)),
                of("c_timetz", "timetz", OffsetTime.of(10, 11, 12, 0, ZoneOffset.UTC),
                        OffsetTime.of(23, 0, 0, 123_456_000, ZoneOffset.ofHoursMinutes(-5, -30))),
                of("c_interval", "interval", Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                        Duration.ofSeconds(-1), Duration.ofDays(3), "P1Y2M3DT4H5M6.789S", Duration.ofMillis(12_345_500)),
                of("c_json", "json", new JsonText("{\"b\": [1, 2], \"a\": \"tab\\tnl\\n \\\\ é\"}"),
                        new JsonText("\"a JSON string\""), "[]"),
                of("c_jsonb", "jsonb", new JsonText("{\"b\": [1, 2], \"a\": \"\\u00e9\\\\\"}"), new JsonText("[]"),
                        new JsonText("{\"k\": null}")),
                of("c_enum", "bulk_mood", "happy", "so so", "back\\slash"),
                of("c_uuid", "uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0),
                        "00000000-0000-0000-0000-000000000001"),
                of("c_ints", "integer[]", List.of(1, 2, 3), List.of(), Arrays.asList(1, null, 3), "[4,5]",
                        List.of(List.of(1, 2), List.of(3, 4))),
                of("c_texts", "text[]", List.of("a b", "", "tab\t", "quote\"", "back\\", "NULL", "{}", "é,ü"),
                        Arrays.asList("x", null)),
                of("c_point", "point", HexFormat.of().parseHex("0101000000000000000000f83f00000000000002c0")),
                of("c_inet", "inet", "192.168.0.1", "::1", "10.0.0.0/8"));
    }

    /** MariaDB columns of every target type of the type matrix, and a few more (geometry, longtext, set). */
    static List<BulkColumn> mariadb() {
        return List.of(
                of("c_tinyint", "tinyint", -128, 127, 0, true),
                of("c_tinyint_u", "tinyint unsigned", 0, 255, (short) 7),
                of("c_smallint", "smallint", Short.MIN_VALUE, Short.MAX_VALUE, "12"),
                of("c_smallint_u", "smallint unsigned", 0, 65535),
                of("c_mediumint", "mediumint", -8388608, 8388607),
                of("c_mediumint_u", "mediumint unsigned", 0, 16777215),
                of("c_int", "int", Integer.MIN_VALUE, Integer.MAX_VALUE, 0L),
                of("c_int_u", "int unsigned", 0L, 4294967295L),
                of("c_bigint", "bigint", Long.MIN_VALUE, Long.MAX_VALUE, new BigDecimal("12")),
                of("c_bigint_u", "bigint unsigned", new BigInteger("18446744073709551615"), BigInteger.ZERO,
                        new BigDecimal("9223372036854775808")),
                of("c_dec65", "decimal(65,30)", new BigDecimal("12345678901234567890123456789012345.123456789012345678"
                        + "901234567890"), new BigDecimal("-1E-30"), BigDecimal.ZERO, new BigDecimal("1E+3"),
                        new BigDecimal("3.14159265358979323846")),
                of("c_dec10", "decimal(10,2)", new BigDecimal("-12345678.99"), new BigDecimal("0.5"), 3),
                of("c_float", "float", 1.5f, -0.25f, 0.1f, Float.MIN_VALUE, 3.4028e38f, 1.17549435E-38f,
                        123456.79f, -0.0f),
                of("c_double", "double", 2.25e100, -2.25e100, 0.1, Double.MAX_VALUE, Double.MIN_VALUE, 1.0 / 3,
                        4.9E-324, 1e-300, -0.0),
                of("c_bit1", "bit(1)", true, false, 1L),
                of("c_bit10", "bit(10)", HexFormat.of().parseHex("02c1"), new byte[] {1}, 5L, 1023L, 0L),
                of("c_bit64", "bit(64)", HexFormat.of().parseHex("ffffffffffffffff"),
                        HexFormat.of().parseHex("8000000000000001"), Long.MAX_VALUE),
                of("c_char", "char(5)", "ab", "", "😀", "a\tb", "a\\b"),
                of("c_varchar", "varchar(50)", HOSTILE_TEXT.toArray()),
                of("c_text", "text", concat(HOSTILE_TEXT, "x".repeat(20_000) + "\\\t\n😀", "nul\0inside").toArray()),
                of("c_longtext", "longtext", "x".repeat(70_000) + "é", "\0", List.of("a", 1, "b\tc")),
                of("c_json", "json", new JsonText("{\"b\": [1, 2], \"a\": \"tab\\tnl\\n \\\\ é\"}"),
                        new JsonText("\"a JSON string\""), "[]"),
                of("c_enum", "enum('happy','so so','back\\\\slash','')", "happy", "so so", "back\\slash", ""),
                of("c_set", "set('a','b','c')", "a,c", "", "a,b,c", List.of("b")),
                of("c_binary", "binary(4)", new byte[] {0, 1, 2, 3}, new byte[] {9}, new byte[0]),
                of("c_varbinary", "varbinary(20)", BYTES, new byte[0], "text é", new byte[] {0x5c, 0x4e}),
                of("c_blob", "blob", BYTES, new byte[] {'\t', '\n', '\\', 'N', 0}, new byte[0],
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                of("c_date", "date", LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29),
                        LocalDate.of(0, 1, 1), "2020-05-06", LocalDateTime.of(2001, 2, 3, 0, 0)),
                of("c_datetime", "datetime", LocalDateTime.of(1000, 1, 1, 0, 0),
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59), Instant.parse("2026-03-29T02:30:00Z")),
                of("c_datetime3", "datetime(3)", LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000)),
                of("c_datetime6", "datetime(6)", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), "2021-07-08 09:10:11.5",
                        OffsetDateTime.of(2026, 10, 25, 2, 30, 0, 0, ZoneOffset.ofHours(2))),
                of("c_timestamp", "timestamp(6) NULL", Instant.parse("1970-01-01T00:00:01Z"),
                        Instant.parse("2038-01-19T03:14:07.999999Z"), LocalDateTime.of(2026, 3, 29, 2, 30)),
                of("c_time", "time(6)", LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000),
                        Duration.ofHours(838).plusMinutes(59).plusSeconds(59), Duration.ofSeconds(-1),
                        Duration.ofDays(1), Duration.ofMillis(12_345_500), "-12:00:00.5"),
                of("c_year", "year", 1901, 2155, 2024, LocalDate.of(2000, 5, 5), 0),
                of("c_uuid", "uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0),
                        "00000000-0000-0000-0000-000000000001"),
                of("c_point", "point", HexFormat.of().parseHex("0101000000000000000000f83f00000000000002c0")),
                of("c_geometry", "geometry", HexFormat.of().parseHex("0102000000020000000000000000000000000000000000"
                        + "00000000000000000000f03f000000000000f03f")));
    }

    private static List<Object> concat(List<Object> list, Object... more) {
        List<Object> all = new ArrayList<>(list);
        all.addAll(Arrays.asList(more));
        return all;
    }
}

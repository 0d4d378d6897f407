package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

import static dev.bisync.core.it.TypeCase.mariaToPg;
import static dev.bisync.core.it.TypeCase.pgToMaria;

/**
 * The cases of {@link TypeMatrixIT}: the rows of {@code docs/type-mapping.md}, with the values each is tested with.
 * MariaDB values are written in a session at time zone {@code +01:00}, PostgreSQL values at {@code Europe/Berlin};
 * both are read back in UTC.
 */
final class TypeCases {

    /** 1 MiB of UTF-8: 262,144 four-byte emoji. */
    static final String MIB_OF_EMOJI = "😀".repeat(262_144);
    /** 1 MiB of bytes 00 ff. */
    static final byte[] MIB_OF_BYTES = HexFormat.of().parseHex("00ff".repeat(524_288));
    /** A JSON document with nested unicode, 4-byte UTF-8 and escaped quotes. */
    static final String JSON_TEXT = "{\"k\": \"ü😀 \\\"q\\\"\", \"n\": {\"a\": [1, 2.5, -0.001, {\"b\": null}], "
            + "\"t\": true}}";
    /** {@link #JSON_TEXT} as a MariaDB literal (a backslash escapes). */
    static final String JSON = "'" + JSON_TEXT.replace("\\", "\\\\") + "'";
    /** {@link #JSON_TEXT} as a PostgreSQL literal. */
    static final String PG_JSON = "'" + JSON_TEXT + "'";

    private TypeCases() {
    }

    static List<TypeCase> mariaToPostgres() {
        return List.of(
                mariaToPg("tinyint", "tinyint", "smallint").v("-128").v("127").v("0"),
                mariaToPg("tinyint_unsigned", "tinyint unsigned", "smallint").v("0").v("255"),
                mariaToPg("smallint", "smallint", "smallint").v("-32768").v("32767"),
                mariaToPg("smallint_unsigned", "smallint unsigned", "integer").v("0").v("65535"),
                mariaToPg("mediumint", "mediumint", "integer").v("-8388608").v("8388607"),
                mariaToPg("mediumint_unsigned", "mediumint unsigned", "integer").v("0").v("16777215"),
                mariaToPg("int", "int", "integer").v("-2147483648").v("2147483647"),
                mariaToPg("int_unsigned", "int unsigned", "bigint").v("0").v("4294967295"),
                mariaToPg("bigint", "bigint", "bigint").v("-9223372036854775808").v("9223372036854775807"),
                mariaToPg("bigint_unsigned", "bigint unsigned", "numeric(20,0)").v("0")
                        .v("18446744073709551615"),
                mariaToPg("decimal_65_30", "decimal(65,30)", "numeric(65,30)")
                        .v("'99999999999999999999999999999999999.999999999999999999999999999999'")
                        .v("'-0.000000000000000000000000000001'")
                        .v("0", "0.000000000000000000000000000000"),
                mariaToPg("decimal_10_2", "decimal(10,2)", "numeric(10,2)").v("-12345678.99").v("0.01").v("1.50"),
                mariaToPg("decimal_to_wider", "decimal(10,2)", "numeric(12,4)").v("1.50", "1.5000")
                        .v("-99999999.99", "-99999999.9900"),
                mariaToPg("decimal_to_money", "decimal(19,2)", "money").v("12.34").v("-0.01")
                        .v("92233720368547758.07").targetRead("%s::numeric::text"),
                mariaToPg("float", "float", "real").v("1.5").v("-0.25").v("0.1")
                        .v("3.4028234e38", "3.4028235e+38").v("-3.4028234e38", "-3.4028235e+38"),
                mariaToPg("double", "double", "double precision").v("-2.25e100", "-2.25e+100")
                        .v("1.7976931348623157e308", "1.7976931348623157e+308").v("5e-324").v("0.1"),
                mariaToPg("boolean", "boolean", "boolean").v("1", "true").v("0", "false"),
                mariaToPg("tinyint_1_to_smallint", "tinyint(1)", "smallint").v("2").v("-1").v("1"),
                mariaToPg("bit_1", "bit(1)", "boolean").v("b'1'", "true").v("b'0'", "false").sourceRead("BIN(%s)"),
                mariaToPg("bit_10", "bit(10)", "bit(10)").v("b'1011000001'", "1011000001")
                        .v("b'1'", "0000000001").v("b'1111111111'", "1111111111").sourceRead("BIN(%s)"),
                mariaToPg("bit_64", "bit(64)", "bit(64)")
                        .v("b'1" + "0".repeat(62) + "1'", "1" + "0".repeat(62) + "1").sourceRead("BIN(%s)"),
                mariaToPg("char", "char(5)", "char(5)").v("'ab'").v("''").v("'😀é'"),
                mariaToPg("varchar", "varchar(20)", "varchar(20)").v("''").v("'héllo wörld'")
                        .v("'😀🎉 4-byte ✓'").v("'it''s'").v("'" + "😀".repeat(20) + "'"),
                mariaToPg("text", "text", "text").v("''").v("'multi\\nline'", "multi\nline"),
                mariaToPg("mediumtext_1mib", "mediumtext", "text")
                        .v("REPEAT('😀', 262144)", md5(MIB_OF_EMOJI)).sourceRead("MD5(%s)").targetRead("md5(%s)"),
                mariaToPg("longblob_1mib", "longblob", "bytea")
                        .v("REPEAT(x'00ff', 524288)", md5(MIB_OF_BYTES)).sourceRead("MD5(%s)").targetRead("md5(%s)"),
                mariaToPg("blob", "blob", "bytea").v("x''", "\\x").v("x'00ff10'", "\\x00ff10").sourceRead("HEX(%s)"),
                mariaToPg("binary", "binary(4)", "bytea").v("x'01020304'", "\\x01020304")
                        .v("x'00'", "\\x00000000").sourceRead("HEX(%s)"),
                mariaToPg("varbinary", "varbinary(10)", "bytea").v("x'0a0b'", "\\x0a0b").sourceRead("HEX(%s)"),
                mariaToPg("date", "date", "date").v("'1000-01-01'").v("'9999-12-31'").v("'2024-02-29'"),
                mariaToPg("datetime", "datetime", "timestamp(0)").v("'1000-01-01 00:00:00'")
                        .v("'9999-12-31 23:59:59'"),
                mariaToPg("datetime_6", "datetime(6)", "timestamp(6)").v("'1000-01-01 00:00:00.000000'",
                                "1000-01-01 00:00:00").v("'9999-12-31 23:59:59.999999'")
                        .v("'2024-02-29 13:14:15.123456'").v("'1969-12-31 23:59:59.999999'"),
                mariaToPg("datetime_3", "datetime(3)", "timestamp(3)").v("'2024-02-29 13:14:15.123'"),
                mariaToPg("datetime_to_timestamptz", "datetime(6)", "timestamptz")
                        .v("'2024-02-29 13:14:15.123456'", "2024-02-29 13:14:15.123456+00"),
                mariaToPg("timestamp", "timestamp(6) NULL", "timestamptz")
                        .v("'1970-01-01 01:00:01'", "1970-01-01 00:00:01+00")
                        .v("'2038-01-19 04:14:07.999999'", "2038-01-19 03:14:07.999999+00")
                        .v("'2026-03-29 03:30:00'", "2026-03-29 02:30:00+00"),
                mariaToPg("time_6", "time(6)", "time(6)").v("'00:00:00'").v("'23:59:59.999999'")
                        .v("'13:14:15.5'"),
                mariaToPg("time_span", "time", "interval").v("'838:59:59'").v("'-838:59:59'").v("'-00:00:01'")
                        .v("'12:00:00'"),
                mariaToPg("year", "year", "smallint").v("1901").v("2155").v("2024").v("0", "0"),
                mariaToPg("json_to_jsonb", "json", "jsonb").v(JSON, JSON_TEXT).v("'[]'").json()
                        .lossy("same JSON value; key order and spacing as jsonb normalises them, also at home"),
                mariaToPg("json_to_json", "json", "json").v(JSON, JSON_TEXT).v("'\"just a string\"'"),
                mariaToPg("enum", "enum('sad','ok','happy')", "types_mood").v("'sad'").v("'ok'").v("'happy'"),
                mariaToPg("enum_to_varchar", "enum('sad','ok','happy')", "varchar(10)").v("'ok'"),
                mariaToPg("set", "set('a','b','c')", "text").v("'a,c'").v("''").v("'a,b,c'").v("'b'"),
                mariaToPg("uuid", "uuid", "uuid").v("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'")
                        .v("'00000000-0000-0000-0000-000000000000'"),
                mariaToPg("geometry", "geometry", "bytea")
                        .v("ST_GeomFromText('POINT(1 2)')", "\\x0101000000000000000000f03f0000000000000040")
                        .v("ST_GeomFromText('LINESTRING(0 0,1 1)')",
                                "\\x01020000000200000000000000000000000000000000000000000000000000f03f000000000000f03f")
                        .sourceRead("HEX(ST_AsWKB(%s))").lossy("WKB; the SRID is not carried (0 at home)"),
                mariaToPg("point", "point", "bytea")
                        .v("POINT(1.5, -2.25)", "\\x0101000000000000000000f83f00000000000002c0")
                        .sourceRead("HEX(ST_AsWKB(%s))"));
    }

    static List<TypeCase> postgresToMaria() {
        return List.of(
                pgToMaria("smallint", "smallint", "smallint").v("-32768").v("32767"),
                pgToMaria("integer", "integer", "int").v("-2147483648").v("2147483647"),
                pgToMaria("bigint", "bigint", "bigint").v("-9223372036854775808").v("9223372036854775807"),
                pgToMaria("bigint_to_unsigned", "bigint", "bigint unsigned").v("0").v("9223372036854775807"),
                pgToMaria("numeric_38_10", "numeric(38,10)", "decimal(38,10)")
                        .v("-9999999999999999999999999999.9999999999").v("0.0000000001"),
                pgToMaria("numeric", "numeric", "decimal(65,30)")
                        .v("3.14159265358979323846", "3.141592653589793238460000000000",
                                "3.141592653589793238460000000000")
                        .v("-0.000001", "-0.000001000000000000000000000000", "-0.000001000000000000000000000000")
                        .lossy("value exact; comes home at the target's scale (trailing zeros)"),
                pgToMaria("real", "real", "float").v("1.5").v("-0.25"),
                pgToMaria("real_max", "real", "float").v("3.4028235e38", "3.4028234663852886E38")
                        .v("-3.4028235e38", "-3.4028234663852886E38").targetRead("CAST(%s AS DOUBLE)"),
                pgToMaria("double", "double precision", "double").v("-2.25e100", "-2.25e100").v("0.1")
                        .v("1.7976931348623157e308", "1.7976931348623157e308"),
                pgToMaria("boolean", "boolean", "boolean").v("true", "1").v("false", "0"),
                pgToMaria("text", "text", "text").v("''").v("'héllo 😀🎉 ✓'").v("'it''s'", "it's"),
                pgToMaria("text_1mib", "text", "longtext").v("repeat('😀', 262144)", md5(MIB_OF_EMOJI))
                        .sourceRead("md5(%s)").targetRead("MD5(%s)"),
                pgToMaria("varchar", "varchar(20)", "varchar(20)").v("'" + "😀".repeat(20) + "'").v("''"),
                pgToMaria("char", "char(5)", "char(5)").v("'ab'").v("''"),
                pgToMaria("bytea_1mib", "bytea", "longblob").v("decode(repeat('00ff', 524288), 'hex')",
                        md5(MIB_OF_BYTES)).sourceRead("md5(%s)").targetRead("MD5(%s)"),
                pgToMaria("bytea", "bytea", "varbinary(10)").v("'\\x'::bytea", "").v("'\\x00ff10'::bytea", "00FF10")
                        .targetRead("HEX(%s)"),
                pgToMaria("bytea_to_binary", "bytea", "binary(4)").v("'\\x01020304'::bytea", "01020304")
                        .targetRead("HEX(%s)"),
                pgToMaria("date", "date", "date").v("'0001-01-01'").v("'9999-12-31'").v("'2024-02-29'"),
                pgToMaria("timestamp_6", "timestamp(6)", "datetime(6)")
                        .v("'0001-01-01 00:00:00'", "0001-01-01 00:00:00.000000")
                        .v("'9999-12-31 23:59:59.999999'").v("'2024-02-29 13:14:15.123456'")
                        .v("'1969-12-31 23:59:59.999999'"),
                pgToMaria("timestamp_0", "timestamp(0)", "datetime").v("'2024-02-29 13:14:15'"),
                pgToMaria("timestamptz_dst", "timestamptz", "timestamp(6) NULL")
                        .v("'2026-03-29 01:59:59.999999'", "2026-03-29 00:59:59.999999")
                        .v("'2026-03-29 03:00:00'", "2026-03-29 01:00:00.000000")
                        .v("'2026-10-25 02:30:00+01'", "2026-10-25 01:30:00.000000")
                        .v("'2026-10-25 02:30:00+02'", "2026-10-25 00:30:00.000000"),
                pgToMaria("timestamptz_to_datetime", "timestamptz", "datetime(6)")
                        .v("'2026-03-29 03:00:00'", "2026-03-29 01:00:00.000000")
                        .v("'0001-01-01 00:00:00+00'", "0001-01-01 00:00:00.000000"),
                pgToMaria("time_6", "time(6)", "time(6)").v("'00:00:00'", "00:00:00.000000")
                        .v("'23:59:59.999999'").v("'24:00:00'", "24:00:00.000000"),
                pgToMaria("interval_to_time", "interval", "time(6)").v("'838:59:59'", "838:59:59.000000")
                        .v("'-00:00:01'", "-00:00:01.000000").v("'12:34:56.5'", "12:34:56.500000"),
                pgToMaria("interval_to_varchar", "interval", "varchar(40)")
                        .v("'1 year 2 months 3 days 04:05:06.789'", "P1Y2M3DT4H5M6.789S"),
                pgToMaria("interval_days_to_varchar", "interval", "varchar(40)").v("'3 days'", "PT72H", "72:00:00")
                        .lossy("an interval without months travels as its length: 3 days arrive as PT72H and come "
                                + "home as 72:00:00, an equal interval spelled in hours"),
                pgToMaria("json", "json", "json").v(PG_JSON, JSON_TEXT),
                pgToMaria("jsonb", "jsonb", "json").v(PG_JSON, JSON_TEXT).json(),
                pgToMaria("uuid", "uuid", "uuid").v("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"),
                pgToMaria("uuid_to_char", "uuid", "char(36)").v("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"),
                pgToMaria("enum", "types_mood", "enum('sad','ok','happy')").v("'sad'").v("'ok'").v("'happy'"),
                pgToMaria("bit_10", "bit(10)", "bit(10)").v("B'1011000001'", "1011000001").v("B'0000000001'", "1")
                        .targetRead("BIN(%s)"),
                pgToMaria("bit_1", "bit(1)", "bit(1)").v("B'1'", "1").v("B'0'", "0").targetRead("BIN(%s)"),
                pgToMaria("varbit", "varbit(16)", "bit(16)").v("B'101'", "101").v("B'0101'", "101", "101")
                        .targetRead("BIN(%s)").lossy("a bit varying value's leading zeros are not kept"),
                pgToMaria("int_array", "integer[]", "json").v("'{1,2,NULL,4}'", "[1,2,null,4]").v("'{}'", "[]"),
                pgToMaria("text_array", "text[]", "json").v("'{\"a\",\"b c\",NULL,\"q\\\"d\"}'",
                        "[\"a\",\"b c\",null,\"q\\\"d\"]"),
                pgToMaria("int_array_2d", "integer[]", "json").v("'{{1,2},{3,NULL}}'", "[[1,2],[3,null]]"),
                pgToMaria("numeric_array_2d", "numeric[]", "json").v("'{{1.50,-0.001},{NULL,2}}'",
                        "[[1.50,-0.001],[null,2]]"),
                pgToMaria("date_array", "date[]", "json").v("'{{2024-02-29,0001-01-01},{9999-12-31,NULL}}'",
                        "[[\"2024-02-29\",\"0001-01-01\"],[\"9999-12-31\",null]]").v("'{2024-01-01}'",
                        "[\"2024-01-01\"]"),
                pgToMaria("timestamp_array", "timestamp[]", "json").v("'{\"2024-02-29 13:14:15.123456\","
                        + "\"0001-01-01 00:00:00\"}'", "[\"2024-02-29T13:14:15.123456\",\"0001-01-01T00:00\"]"),
                pgToMaria("timestamptz_array", "timestamptz[]", "json").v("'{{\"2026-03-29 01:59:59.999999+01\"},"
                        + "{\"2026-10-25 02:30:00+02\"}}'", "[[\"2026-03-29T00:59:59.999999Z\"],"
                        + "[\"2026-10-25T00:30:00Z\"]]"),
                pgToMaria("uuid_array", "uuid[]", "json").v("'{{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}}'",
                        "[[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",null]]"),
                pgToMaria("jsonb_array", "jsonb[]", "json").v("'{{\"{\\\"a\\\": 1}\",\"[1, \\\"😀\\\"]\"}}'",
                        "[[\"{\\\"a\\\": 1}\",\"[1, \\\"😀\\\"]\"]]"),
                pgToMaria("json_array", "json[]", "json").v("'{\"{\\\"b\\\":[true, null]}\",NULL}'",
                        "[\"{\\\"b\\\":[true, null]}\",null]"),
                pgToMaria("inet", "inet", "varchar(43)").v("'192.168.0.1/24'").v("'::1'"),
                pgToMaria("cidr", "cidr", "varchar(43)").v("'10.0.0.0/8'"),
                pgToMaria("macaddr", "macaddr", "varchar(17)").v("'08:00:2b:01:02:03'"),
                pgToMaria("money", "money", "decimal(19,2)").v("12.34", "12.34")
                        .v("-92233720368547758.08", "-92233720368547758.08"),
                pgToMaria("xml", "xml", "text").v("'<a b=\"1\">ü</a>'"),
                pgToMaria("ltree", "ltree", "varchar(255)").v("'Top.Science.Astronomy'"),
                pgToMaria("hstore", "hstore", "json").v("'a=>1, b=>NULL'", "{\"a\":\"1\",\"b\":null}").json(),
                pgToMaria("point", "point", "point").v("'(1.5,-2.25)'", "0101000000000000000000F83F00000000000002C0")
                        .targetRead("HEX(ST_AsWKB(%s))"),
                pgToMaria("timetz", "timetz", "varchar(30)").v("'10:11:12.5+02'", "08:11:12.500Z", "08:11:12.5+00")
                        .lossy("Debezium sends the time in UTC: the offset is not kept"));
    }

    /** A value the target column cannot hold: dead-lettered with a message that names table, column and value. */
    record Rejection(String name, String sourceType, String targetType, String literal, String shownValue,
            String reason) {

        String column() {
            return "c_" + name;
        }
    }

    static List<Rejection> mariaToPostgresRejections() {
        return List.of(
                new Rejection("varchar_too_long", "varchar(10)", "varchar(5)", "'abcdefg'", "'abcdefg'",
                        "has 7 characters, the column holds 5"),
                new Rejection("decimal_scale", "decimal(12,3)", "numeric(8,2)", "1234.567", "1234.567",
                        "has 3 fractional digits, the column keeps 2"),
                new Rejection("bigint_unsigned_range", "bigint unsigned", "bigint", "18446744073709551615",
                        "18446744073709551615", "is out of the column's range"),
                new Rejection("enum_member_missing", "enum('sad','ok','happy')", "types_mood_short", "'happy'",
                        "'happy'", "is not a member of the enum [sad, ok]"),
                new Rejection("time_beyond_a_day", "time", "time", "'25:00:00'", "PT25H",
                        "is not a time of day"),
                new Rejection("text_with_nul", "varchar(10)", "text", "'a\\0b'", "'a",
                        "contains the NUL character"),
                new Rejection("int_range", "int", "smallint", "40000", "40000", "is out of the column's range"),
                new Rejection("money_scale", "decimal(10,3)", "money", "1.234", "1.234",
                        "has 3 fractional digits, the column keeps 2"),
                new Rejection("tinyint_1_not_boolean", "boolean", "boolean", "2", "2",
                        "is neither 0 nor 1"),
                new Rejection("tinyint_1_minus_one", "boolean", "boolean", "-1", "-1", "is neither 0 nor 1"),
                // ENUM and SET labels Debezium's connector reads from the table's definition as the server shows it
                new Rejection("enum_label_4byte", "enum('😀x','a\\\\b','plain')", "varchar(10)", "'😀x'", "'😀x'",
                        "which Debezium sent as '?x': Debezium's MariaDB/MySQL connector takes ENUM and SET labels"),
                new Rejection("enum_label_backslash", "enum('😀x','a\\\\b','plain')", "varchar(10)", "'a\\\\b'",
                        "'a\\b'", "which Debezium sent as 'a\\\\b'"),
                new Rejection("set_label_4byte", "set('x\\\\y','😀','z')", "text", "'x\\\\y,😀'", "'x\\y,😀'",
                        "which Debezium sent as 'x\\\\y,?'"),
                // dates lenient sql_modes let in (the rows are written under ALLOW_INVALID_DATES): Debezium's binlog
                // reader sends NULL or the epoch in their place, the lane reads the source row and refuses them
                new Rejection("zero_date", "date", "date", "'0000-00-00'", "0000-00-00",
                        "which Debezium sent as NULL: it is MariaDB/MySQL's zero date"),
                new Rejection("zero_datetime", "datetime", "timestamp(0)", "'0000-00-00 00:00:00'",
                        "0000-00-00 00:00:00", "which Debezium sent as NULL: it is MariaDB/MySQL's zero date"),
                new Rejection("zero_month", "date", "date", "'2023-00-15'", "2023-00-15",
                        "which Debezium sent as NULL: it has a zero month"),
                new Rejection("zero_day", "datetime(3)", "timestamp(3)", "'2023-04-00 10:11:12.5'",
                        "2023-04-00 10:11:12.500", "which Debezium sent as NULL: it has a zero day"),
                new Rejection("invalid_date", "date", "date", "'2023-02-31'", "2023-02-31",
                        "which Debezium sent as 1970-01-01: it is no day of the calendar"),
                new Rejection("invalid_datetime", "datetime(6)", "timestamp(6)", "'2023-02-31 10:11:12.5'",
                        "2023-02-31 10:11:12.500000", "which Debezium sent as 1970-01-01T00:00: it is no day"),
                new Rejection("zero_timestamp", "timestamp NULL", "timestamptz", "'0000-00-00 00:00:00'",
                        "0000-00-00 00:00:00", "which Debezium sent as 1970-01-01T00:00:00Z: it is MariaDB/MySQL's"),
                new Rejection("zero_date_not_null", "date NOT NULL DEFAULT '2000-01-01'",
                        "date NOT NULL DEFAULT '2000-01-01'", "'0000-00-00'", "0000-00-00",
                        // the lanes add "or a date with a zero month or day" (a NOT NULL column's stand-in does not
                        // say which), the initial copy, reading the value itself, why no target date holds it
                        "is MariaDB/MySQL's zero date"),
                new Rejection("invalid_date_not_null", "date NOT NULL DEFAULT '2000-01-01'",
                        "date NOT NULL DEFAULT '2000-01-01'", "'2023-02-31'", "2023-02-31",
                        "which Debezium sent as 1970-01-01: it is no day of the calendar"));
    }

    /**
     * The rejections a PostgreSQL of this major version can hold: an interval's {@code ±infinity} exists from
     * PostgreSQL 17 (15 and 16 refuse the literal), so those two cases are left out before it.
     */
    static List<Rejection> postgresToMariaRejections(int postgresMajor) {
        return postgresToMariaRejections().stream()
                .filter(r -> postgresMajor >= 17
                        || !(r.sourceType().equals("interval") && r.literal().contains("infinity")))
                .toList();
    }

    static List<Rejection> postgresToMariaRejections() {
        return List.of(
                new Rejection("date_year_10000", "date", "date", "'10000-01-01'", "+10000-01-01",
                        "has year 10000, the column holds years 0 to 9999"),
                new Rejection("timestamp_range", "timestamptz", "timestamp NULL", "'2040-01-01 00:00:00+00'",
                        "2040-01-01T00:00:00Z", "is outside the TIMESTAMP range"),
                new Rejection("double_nan", "double precision", "double", "'NaN'", "NaN",
                        "is not a finite number"),
                new Rejection("numeric_scale", "numeric", "decimal(65,30)", "1e-40", "1E-40",
                        "has 40 fractional digits, the column keeps 30"),
                new Rejection("varchar_too_long", "text", "varchar(3)", "'😀😀😀😀'", "'😀😀😀😀'",
                        "has 4 characters, the column holds 3"),
                new Rejection("enum_member_missing", "types_mood", "enum('sad','ok')", "'happy'", "'happy'",
                        "is not a member of [sad, ok]"),
                new Rejection("interval_with_months", "interval", "time", "'1 mon'", "P0Y1M0DT0H0M0S",
                        "has years or months"),
                new Rejection("bytea_too_long", "bytea", "binary(4)", "'\\x0102030405'::bytea", "bytes[5]",
                        "has 5 bytes, the column holds 4"),
                new Rejection("numeric_nan", "numeric", "decimal(65,30)", "'NaN'", "NaN", "which no decimal holds"),
                new Rejection("numeric_infinity", "numeric", "decimal(12,3)", "'Infinity'", "Infinity",
                        "which no decimal holds"),
                new Rejection("numeric_minus_infinity", "numeric", "double", "'-Infinity'", "-Infinity",
                        "which no decimal holds"),
                new Rejection("double_infinity", "double precision", "double", "'Infinity'", "Infinity",
                        "is not a finite number"),
                new Rejection("real_nan", "real", "float", "'NaN'", "NaN", "is not a finite number"),
                new Rejection("numeric_array_nan", "numeric[]", "json", "'{{1,NaN},{2,3}}'", "{{1,NaN},{2,3}}",
                        "holds a numeric NaN or Infinity"),
                new Rejection("float_array_infinity", "float8[]", "json", "'{1.5,-Infinity}'", "-Infinity",
                        "which no JSON number holds"),
                new Rejection("date_infinity", "date", "date", "'infinity'", "infinity",
                        "is PostgreSQL's date infinity, which no MySQL/MariaDB date holds"),
                new Rejection("timestamptz_infinity", "timestamptz", "datetime(6)", "'-infinity'", "-infinity",
                        "is PostgreSQL's timestamp -infinity, which no MySQL/MariaDB date-time holds"),
                new Rejection("timestamp_infinity", "timestamp", "datetime(6)", "'infinity'", "infinity",
                        "is PostgreSQL's timestamp infinity, which no MySQL/MariaDB date-time holds"),
                new Rejection("interval_infinity", "interval", "varchar(40)", "'infinity'", "infinity",
                        "which Debezium sent as PT0S: it is PostgreSQL's interval infinity"),
                new Rejection("interval_minus_infinity", "interval", "time", "'-infinity'", "-infinity",
                        "which Debezium sent as PT0S: it is PostgreSQL's interval -infinity"));
    }

    /** Creates the PostgreSQL enum types the cases use, unless another test of this JVM's stack did. */
    static void createEnumTypes(DatabaseEndpoint pg) throws Exception {
        SyncFixture.execute(pg, "DO $$ BEGIN CREATE TYPE types_mood AS ENUM ('sad', 'ok', 'happy'); "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$", "DO $$ BEGIN CREATE TYPE types_mood_short AS "
                + "ENUM ('sad', 'ok'); EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    /** The table of a direction's rejections: a key and one column per rejection, of its source or target type. */
    static String rejectDdl(String table, List<TypeCases.Rejection> rejections, boolean source) {
        StringBuilder sb = new StringBuilder("CREATE TABLE " + table + " (id int PRIMARY KEY");
        for (TypeCases.Rejection r : rejections) {
            sb.append(", ").append(r.column()).append(' ').append(source ? r.sourceType() : r.targetType());
        }
        return sb.append(')').toString();
    }

    /**
     * One row per rejection, with only its value; then a row of NULLs that must still cross. MariaDB's rows are
     * written under a lenient {@code sql_mode} ({@code ALLOW_INVALID_DATES}, no strict mode), as legacy data is.
     */
    static void insertRejections(DatabaseEndpoint source, String table, List<TypeCases.Rejection> rejections)
            throws Exception {
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            if (!source.jdbcUrl().startsWith("jdbc:postgresql")) {
                s.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'");
            }
            for (int i = 0; i < rejections.size(); i++) {
                TypeCases.Rejection r = rejections.get(i);
                s.execute("INSERT INTO " + table + " (id, " + r.column() + ") VALUES (" + (i + 1) + ", " + r.literal()
                        + ")");
            }
            s.execute("INSERT INTO " + table + " (id) VALUES (" + (rejections.size() + 1) + ")");
        }
    }

    static String md5(String text) {
        return md5(text.getBytes(StandardCharsets.UTF_8));
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a Connect schema (the JSON of a record's {@code "schema"} section) into decoders, once per distinct
 * schema: the type and the logical {@code name} of each field choose its {@link ValueDecoder}.
 *
 * <table>
 * <caption>Canonical Java value per schema</caption>
 * <tr><th>schema</th><th>value</th></tr>
 * <tr><td>int8, int16, int32; {@code io.debezium.time.Year}</td><td>Integer (a year 1900 is YEAR 0000)</td></tr>
 * <tr><td>int64</td><td>Long (BigInteger when {@code column.propagate.source.type} says BIGINT UNSIGNED)</td></tr>
 * <tr><td>float32, float64</td><td>Float, Double (NaN and infinities included)</td></tr>
 * <tr><td>boolean; string</td><td>Boolean; String (a PostgreSQL {@code char(n)}, known from the propagated source
 * type, without its padding spaces)</td></tr>
 * <tr><td>bytes; {@code io.debezium.data.Bits}</td><td>byte[]; byte[] big-endian (Debezium's are
 * little-endian)</td></tr>
 * <tr><td>{@code Decimal}, {@code VariableScaleDecimal}</td><td>BigDecimal (BigInteger for a BIGINT UNSIGNED source
 * column with scale 0)</td></tr>
 * <tr><td>{@code dev.bisync.NumericText} (bisync's converter)</td><td>BigDecimal; {@code UnrepresentableValue} for
 * NaN and ±Infinity</td></tr>
 * <tr><td>{@code dev.bisync.TemporalText} (bisync's converter, MariaDB NOT NULL dates)</td><td>LocalDate,
 * LocalDateTime; {@code UnrepresentableValue} for a zero date</td></tr>
 * <tr><td>{@code dev.bisync.ArrayText} (bisync's converter, PostgreSQL arrays)</td><td>List, nested for more
 * dimensions</td></tr>
 * <tr><td>{@code io.debezium.time.Date}, connect Date</td><td>LocalDate</td></tr>
 * <tr><td>{@code Time}, {@code MicroTime}, {@code NanoTime}, connect Time</td><td>LocalTime, or Duration outside
 * [00:00, 24:00)</td></tr>
 * <tr><td>{@code Timestamp}, {@code MicroTimestamp}, {@code NanoTimestamp}, connect Timestamp</td>
 * <td>LocalDateTime</td></tr>
 * <tr><td>{@code ZonedTimestamp}; {@code ZonedTime}</td><td>Instant; OffsetTime</td></tr>
 * <tr><td>{@code MicroDuration}, {@code NanoDuration}</td><td>Duration</td></tr>
 * <tr><td>{@code Interval}</td><td>Duration without years and months, else String (ISO-8601)</td></tr>
 * <tr><td>{@code Enum}, {@code EnumSet}, {@code Xml}, {@code Ltree}</td><td>String</td></tr>
 * <tr><td>{@code io.debezium.data.Json}; {@code io.debezium.data.Uuid}</td><td>JsonText; UUID</td></tr>
 * <tr><td>{@code geometry.Geometry}, {@code Geography}, {@code Point}</td><td>byte[] (WKB)</td></tr>
 * <tr><td>array; map, other struct</td><td>List of decoded elements; JsonText</td></tr>
 * </table>
 * Any other logical name decodes by its base type.
 */
final class SchemaCompiler {

    private static final ValueDecoder BOOLEAN = p -> switch (p.currentToken()) {
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        default -> throw Mismatch.of(p, "true or false");
    };

    private final UnavailablePlaceholder placeholder;
    private final TextDecoders columnText;
    private final TextDecoders elementText = new TextDecoders(null);

    SchemaCompiler(UnavailablePlaceholder placeholder) {
        this.placeholder = placeholder;
        this.columnText = new TextDecoders(placeholder);
    }

    /** The decoders of a change event value's {@code before} and {@code after} structs (null if it has none). */
    CompiledSchema envelope(JsonNode schema) {
        RowDecoder before = null;
        RowDecoder after = null;
        for (JsonNode field : schema.path("fields")) {
            String name = field.path("field").asText();
            if ("before".equals(name)) {
                before = row(field, "before");
            } else if ("after".equals(name)) {
                after = row(field, "after");
            }
        }
        return new CompiledSchema(before, after, null);
    }

    /** The decoder of a record key's struct. */
    CompiledSchema key(JsonNode schema) {
        return new CompiledSchema(null, null, row(schema, "key"));
    }

    /** The decoder of a struct's fields. */
    RowDecoder row(JsonNode struct, String where) {
        if (!"struct".equals(struct.path("type").asText())) {
            throw new UndecodableRecordException("the schema of " + where + " is not a struct but "
                    + struct.path("type"));
        }
        List<RowDecoder.Column> columns = new ArrayList<>();
        for (JsonNode field : struct.path("fields")) {
            String name = field.path("field").asText(null);
            if (name == null) {
                throw new UndecodableRecordException("a field of " + where + " has no name in the schema");
            }
            columns.add(new RowDecoder.Column(name, value(field, false, where + "." + name)));
        }
        return new RowDecoder(columns);
    }

    private ValueDecoder value(JsonNode schema, boolean element, String where) {
        TextDecoders text = element ? elementText : columnText;
        String name = schema.path("name").asText("");
        switch (name) {
            case "org.apache.kafka.connect.data.Decimal":
                return NumberDecoders.decimal(scale(schema, where), unsignedBigint(schema));
            case "io.debezium.data.VariableScaleDecimal":
                return NumberDecoders.VARIABLE_SCALE_DECIMAL;
            case "dev.bisync.NumericText":
                return NumberDecoders.NUMERIC_TEXT;
            case "dev.bisync.TemporalText":
                return TimeDecoders.TEMPORAL_TEXT;
            case "dev.bisync.ArrayText":
                return ArrayTextDecoder.of(schema.path("parameters").path("element").asText(""));
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date":
                return TimeDecoders.DATE;
            case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time":
                return TimeDecoders.TIME_MILLIS;
            case "io.debezium.time.MicroTime":
                return TimeDecoders.TIME_MICROS;
            case "io.debezium.time.NanoTime":
                return TimeDecoders.TIME_NANOS;
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp":
                return TimeDecoders.TIMESTAMP_MILLIS;
            case "io.debezium.time.MicroTimestamp":
                return TimeDecoders.TIMESTAMP_MICROS;
            case "io.debezium.time.NanoTimestamp":
                return TimeDecoders.TIMESTAMP_NANOS;
            case "io.debezium.time.ZonedTimestamp":
                return TimeDecoders.ZONED_TIMESTAMP;
            case "io.debezium.time.ZonedTime":
                return TimeDecoders.ZONED_TIME;
            case "io.debezium.time.MicroDuration":
                return TimeDecoders.DURATION_MICROS;
            case "io.debezium.time.NanoDuration":
                return TimeDecoders.DURATION_NANOS;
            case "io.debezium.time.Year":
                return NumberDecoders.YEAR;
            case "io.debezium.data.Json":
                return text.json();
            case "io.debezium.data.Uuid":
                return text.uuid();
            case "io.debezium.data.Bits":
                return text.bits(schema.path("parameters").path("length").asInt(0));
            case "io.debezium.time.Interval":
                return text.interval();
            case "io.debezium.data.geometry.Geometry", "io.debezium.data.geometry.Geography",
                    "io.debezium.data.geometry.Point":
                return GeometryDecoder.WKB;
            case "io.debezium.data.Enum", "io.debezium.data.EnumSet", "io.debezium.data.Xml",
                    "io.debezium.data.Ltree":
                return text.string();
            default:
                return byType(schema, text, where);
        }
    }

    private ValueDecoder byType(JsonNode schema, TextDecoders text, String where) {
        String type = schema.path("type").asText("");
        return switch (type) {
            case "int8", "int16", "int32" -> NumberDecoders.INT;
            case "int64" -> unsignedBigint(schema) ? NumberDecoders.UNSIGNED_LONG : NumberDecoders.LONG;
            case "float", "float32" -> NumberDecoders.FLOAT;
            case "double", "float64" -> NumberDecoders.DOUBLE;
            case "boolean" -> BOOLEAN;
            case "string" -> sourceType(schema).equalsIgnoreCase("BPCHAR") ? text.fixedLength() : text.string();
            case "bytes" -> text.bytes();
            case "array" -> StructuredDecoders.array(value(schema.path("items"), true, where + "[]"), placeholder);
            case "map", "struct" -> StructuredDecoders.JSON_TEXT;
            default -> throw new UndecodableRecordException("unsupported schema type '" + type + "' of " + where);
        };
    }

    private static int scale(JsonNode schema, String where) {
        JsonNode scale = schema.path("parameters").path("scale");
        try {
            return Integer.parseInt(scale.asText());
        } catch (NumberFormatException e) {
            throw new UndecodableRecordException("Decimal " + where + " without a numeric scale parameter: " + scale);
        }
    }

    private static boolean unsignedBigint(JsonNode schema) {
        return sourceType(schema).regionMatches(true, 0, "BIGINT UNSIGNED", 0, 15);
    }

    /** The source column's type, when the connector propagates it ({@code column.propagate.source.type}). */
    private static String sourceType(JsonNode schema) {
        return schema.path("parameters").path("__debezium.source.column.type").asText("");
    }
}

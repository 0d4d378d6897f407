package dev.bisync.connect;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Properties;

/**
 * Sends PostgreSQL {@code numeric} columns as their exact text, schema name {@value #SCHEMA_NAME}, so that
 * {@code NaN}, {@code Infinity} and {@code -Infinity} reach the lane as themselves: with
 * {@code decimal.handling.mode=precise} the connector sends them as NULL, and a lane would write NULL in their place.
 * The lane reads the text back as an exact decimal, and refuses the special values with a reason (the target's
 * decimals cannot hold them).
 *
 * <p>Configured by bisync's generated PostgreSQL connector configuration:
 * <pre>
 * converters=bisync_numeric
 * bisync_numeric.type=dev.bisync.connect.NumericTextConverter
 * </pre>
 * The jar goes into the connector's folder on the Connect worker's {@code plugin.path}. Called by the connector's
 * task thread, once per column when a table's schema is built; the conversion then once per value.
 */
public final class NumericTextConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    /** The schema name of the text the lane decodes. */
    public static final String SCHEMA_NAME = "dev.bisync.NumericText";

    @Override
    public void configure(Properties properties) {
        // nothing to configure
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        if (!"numeric".equalsIgnoreCase(column.typeName())) {
            return;
        }
        SchemaBuilder schema = SchemaBuilder.string().name(SCHEMA_NAME);
        if (column.isOptional()) {
            schema.optional();
        }
        registration.register(schema, NumericTextConverter::text);
    }

    /**
     * The exact text of a numeric value as the connector hands it over: a {@code BigDecimal}, Debezium's
     * {@code SpecialValueDecimal} (whose text is a plain decimal or {@code NAN}, {@code POSITIVE_INFINITY},
     * {@code NEGATIVE_INFINITY}), or the server's text; null stays null.
     */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        String text = value.toString().trim();
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "NAN" -> "NaN";
            case "POSITIVE_INFINITY", "INFINITY", "+INFINITY" -> "Infinity";
            case "NEGATIVE_INFINITY", "-INFINITY" -> "-Infinity";
            default -> new BigDecimal(text).toPlainString();
        };
    }
}

package dev.bisync.connect;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.Locale;
import java.util.Properties;

/**
 * Sends every PostgreSQL array as its literal text ({@code {{1,2},{3,4}}}, {@code {"2024-01-01 10:00:00+00"}}), schema
 * name {@value #SCHEMA_NAME} with the element type in the parameter {@value #ELEMENT}: the connector converts an array
 * element by element, so each row of a two-dimensional array (itself an array) becomes null — {@code [null,null]}, a
 * value the lane would write — and elements of types it has no array conversion for are lost. The lane parses the
 * text into nested lists, each element read as the PostgreSQL dialect reads it.
 *
 * <p>Configured by bisync's generated PostgreSQL connector configuration ({@code converters=...,bisync_array},
 * {@code bisync_array.type=dev.bisync.connect.ArrayTextConverter}); the jar goes into the connector's folder on the
 * Connect worker's {@code plugin.path}. Called by the connector's task thread, once per column when a table's
 * schema is built; the conversion then once per value.
 */
public final class ArrayTextConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    /** The schema name of the text the lane decodes. */
    public static final String SCHEMA_NAME = "dev.bisync.ArrayText";
    /** The schema parameter naming the element type ({@code int4}, {@code text} ...). */
    public static final String ELEMENT = "element";

    @Override
    public void configure(Properties properties) {
        // nothing to configure
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        String type = column.typeName().toLowerCase(Locale.ROOT);
        if (!type.startsWith("_")) { // PostgreSQL names an array type after its element type: _int4, _timestamptz
            return;
        }
        SchemaBuilder schema = SchemaBuilder.string().name(SCHEMA_NAME).parameter(ELEMENT, type.substring(1));
        if (column.isOptional()) {
            schema.optional();
        }
        registration.register(schema, value -> value == null ? null : value.toString());
    }
}

package dev.bisync.connect;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.Locale;
import java.util.Properties;

/**
 * Sends MariaDB/MySQL {@code DATE} and {@code DATETIME} columns declared {@code NOT NULL} as ISO text, schema name
 * {@value #SCHEMA_NAME}, and a zero date there as {@value #ZERO_DATE}: Debezium's binlog reader turns a zero date
 * ({@code 0000-00-00}, which lenient SQL modes let in) and a date with a zero month or day into null, and the
 * connector then puts the epoch (1970-01-01) in a NOT NULL column's place — a value the lane would write. In a
 * NOT NULL column a null can only be such a date, so the lane refuses it with a reason. (In a nullable column it
 * cannot be told from NULL; the verification finds it.)
 *
 * <p>Configured by bisync's generated MariaDB/MySQL connector configuration:
 * <pre>
 * converters=bisync_zero_date
 * bisync_zero_date.type=dev.bisync.connect.ZeroDateConverter
 * </pre>
 * The jar goes into the connector's folder on the Connect worker's {@code plugin.path}. Called by the connector's
 * task thread, once per column when a table's schema is built; the conversion then once per value.
 */
public final class ZeroDateConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    /** The schema name of the text the lane decodes. */
    public static final String SCHEMA_NAME = "dev.bisync.TemporalText";
    /** What a zero date (or a date with a zero month or day) is sent as. */
    public static final String ZERO_DATE = "0000-00-00";

    @Override
    public void configure(Properties properties) {
        // nothing to configure
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        String type = column.typeName().toUpperCase(Locale.ROOT);
        if (column.isOptional() || !(type.equals("DATE") || type.equals("DATETIME"))) {
            return;
        }
        registration.register(SchemaBuilder.string().name(SCHEMA_NAME), ZeroDateConverter::text);
    }

    /** A {@code LocalDate} or {@code LocalDateTime} in ISO-8601 ({@code toString}); null as {@value #ZERO_DATE}. */
    static String text(Object value) {
        return value == null ? ZERO_DATE : value.toString();
    }
}

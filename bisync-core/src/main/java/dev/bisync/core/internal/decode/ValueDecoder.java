package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/**
 * Turns one JSON value of a change event's column into its canonical Java value. Compiled once per column from the
 * record's schema (see {@link SchemaCompiler}), then called for every record that carries the same schema.
 */
@FunctionalInterface
interface ValueDecoder {

    /**
     * Marks a column whose value the connector could not read (PostgreSQL's unchanged TOASTed values, sent as
     * Debezium's {@code __debezium_unavailable_value} placeholder): the column is left out of the row image.
     */
    Object UNAVAILABLE = new Object() {
        @Override
        public String toString() {
            return "<unavailable>";
        }
    };

    /**
     * Decodes the value at the parser's current token, never {@code JsonToken.VALUE_NULL} (the caller handles null);
     * leaves the parser on the value's last token (the same token for a scalar, the closing one for an object or
     * array).
     *
     * @return the canonical value, or {@link #UNAVAILABLE}
     * @throws UndecodableRecordException when the JSON contradicts the schema
     */
    Object decode(JsonParser p) throws IOException;
}

package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.LinkedHashMap;

/**
 * What one pass over a record's payload found: the row images and the envelope fields of a change event, or the
 * marks of the records that carry none (transaction boundary, schema change, heartbeat).
 */
final class Payload {

    LinkedHashMap<String, Object> before;
    LinkedHashMap<String, Object> after;
    String op;
    final SourceBlock source = new SourceBlock();
    /** {@code transaction.id}, or null. */
    String transactionId;
    /** {@code transaction.total_order}, or -1. */
    long totalOrder = -1;
    /** The envelope's {@code ts_ms} (when the connector processed the change), or {@code Long.MIN_VALUE}. */
    long tsMs = Long.MIN_VALUE;
    /** A transaction metadata record ({@code status} BEGIN/END). */
    boolean transactionStatus;
    /** A schema change record ({@code ddl}, {@code tableChanges}). */
    boolean schemaChange;
    /** How many fields the payload has. */
    int fields;

    /**
     * Reads the payload object at the parser's current token.
     *
     * @param schema     the decoders compiled from the record's schema, or null for a record without schema
     * @param schemaless decodes the rows of a record without schema
     */
    static Payload read(JsonParser p, CompiledSchema schema, SchemalessValues schemaless) throws IOException {
        Mismatch.expect(p, JsonToken.START_OBJECT, "the payload as an object");
        Payload payload = new Payload();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            payload.fields++;
            switch (name) {
                case "before" -> payload.before = row(p, t, schema == null ? null : schema.before(), schema != null,
                        schemaless, name);
                case "after" -> payload.after = row(p, t, schema == null ? null : schema.after(), schema != null,
                        schemaless, name);
                case "source" -> payload.source.read(p);
                case "transaction" -> payload.readTransaction(p);
                case "op" -> payload.op = t == JsonToken.VALUE_NULL ? null : SourceBlock.text(p, name);
                case "ts_ms" -> payload.tsMs = t == JsonToken.VALUE_NULL ? Long.MIN_VALUE : SourceBlock.number(p, name);
                case "status" -> {
                    payload.transactionStatus = true;
                    p.skipChildren();
                }
                case "ddl", "tableChanges" -> {
                    payload.schemaChange = true;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        return payload;
    }

    private static LinkedHashMap<String, Object> row(JsonParser p, JsonToken t, RowDecoder decoder, boolean withSchema,
            SchemalessValues schemaless, String image) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (decoder != null) {
            return decoder.decode(p, image);
        }
        if (withSchema) {
            throw new UndecodableRecordException("the payload has " + image + " but its schema does not");
        }
        return schemaless.row(p, image);
    }

    private void readTransaction(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        Mismatch.expect(p, JsonToken.START_OBJECT, "the transaction block as an object");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "id" -> transactionId = SourceBlock.text(p, "transaction.id");
                case "total_order" -> totalOrder = SourceBlock.number(p, "transaction.total_order");
                default -> p.skipChildren();
            }
        }
    }
}

package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A record of a connector's transaction topic ({@code <topic.prefix>.transaction}, written when the connector has
 * {@code provide.transaction.metadata=true}): the BEGIN or END of one source transaction. The END says how many
 * change events the transaction produced per captured table, which is how a lane knows it holds the whole
 * transaction. Read with or without the JSON converter's schema envelope.
 *
 * @param end    true for END, false for BEGIN
 * @param id     the transaction id as the connector writes it (PostgreSQL: {@code <txId>:<lsn>}, the lsn differing
 *               between BEGIN and END; MariaDB/MySQL: the GTID)
 * @param counts for END, the change events per data collection ({@code <namespace>.<table>}); empty for BEGIN
 */
public record TransactionMarker(boolean end, String id, Map<String, Long> counts) {

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The marker in a transaction topic record's value (read as a stream: the schema envelope is skipped, not
     * built).
     *
     * @throws UndecodableRecordException when the value is not a BEGIN/END record
     */
    public static TransactionMarker parse(byte[] value) {
        if (value == null) {
            throw new UndecodableRecordException("transaction topic: a record without value");
        }
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UndecodableRecordException("transaction topic: not a JSON object");
            }
            TransactionMarker marker = readPayload(p, true);
            if (marker == null) {
                throw new UndecodableRecordException("transaction topic: no BEGIN/END status and id");
            }
            return marker;
        } catch (IOException e) {
            throw new UndecodableRecordException("transaction topic: not JSON: " + e.getMessage(), e);
        }
    }

    /** Reads the object at the parser: the marker itself, or (at the top) an envelope whose payload is. */
    private static TransactionMarker readPayload(JsonParser p, boolean top) throws IOException {
        String status = null;
        String id = null;
        Map<String, Long> counts = new HashMap<>();
        TransactionMarker inner = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "status" -> status = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "id" -> id = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "data_collections" -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            String collection = null;
                            long count = 0;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String field = p.currentName();
                                p.nextToken();
                                if (field.equals("data_collection")) {
                                    collection = p.getText();
                                } else if (field.equals("event_count")) {
                                    count = p.getValueAsLong();
                                } else {
                                    p.skipChildren();
                                }
                            }
                            if (collection != null) {
                                counts.merge(collection, count, Long::sum);
                            }
                        }
                    }
                }
                case "payload" -> {
                    if (top && t == JsonToken.START_OBJECT) {
                        inner = readPayload(p, false);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (inner != null) {
            return inner;
        }
        if (id == null || !("BEGIN".equals(status) || "END".equals(status))) {
            return null;
        }
        return new TransactionMarker("END".equals(status), id, Map.copyOf(counts));
    }

    /**
     * The transaction's key as the lane's change events carry it ({@code ChangeEvent.transactionId()}): for
     * PostgreSQL the txId before the colon, else the id itself.
     */
    public String key(boolean postgres) {
        int colon = id.indexOf(':');
        return postgres && colon > 0 ? id.substring(0, colon) : id;
    }
}

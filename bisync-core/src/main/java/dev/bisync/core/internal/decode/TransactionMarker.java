package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

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

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The marker in a transaction topic record's value.
     *
     * @throws UndecodableRecordException when the value is not a BEGIN/END record
     */
    public static TransactionMarker parse(byte[] value) {
        if (value == null) {
            throw new UndecodableRecordException("transaction topic: a record without value");
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new UndecodableRecordException("transaction topic: not JSON: " + e.getMessage(), e);
        }
        if (node.has("payload") && node.has("schema")) {
            node = node.get("payload");
        }
        String status = node.path("status").asText("");
        String id = node.path("id").asText(null);
        if (!Set.of("BEGIN", "END").contains(status) || id == null) {
            throw new UndecodableRecordException("transaction topic: no BEGIN/END status and id in " + node);
        }
        Map<String, Long> counts = new java.util.HashMap<>();
        for (JsonNode c : node.path("data_collections")) {
            counts.merge(c.path("data_collection").asText(), c.path("event_count").asLong(), Long::sum);
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

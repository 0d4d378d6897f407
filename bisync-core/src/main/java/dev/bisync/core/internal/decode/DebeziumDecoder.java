package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RowImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Decodes the Kafka records Debezium's PostgreSQL, MariaDB and MySQL connectors write through Kafka Connect's
 * {@code JsonConverter}, with schemas ({@code {"schema":...,"payload":...}}) or without (the payload alone), into
 * {@link Decoded} results: a {@link dev.bisync.api.ChangeEvent} with canonical Java values (see
 * {@link SchemaCompiler} for the value per Debezium type), or a {@link Decoded.Skip} for a tombstone, heartbeat,
 * transaction boundary, schema change or logical-decoding message.
 *
 * <p><b>Speed.</b> A record's schema is compiled into decoders once: the compiled decoders are cached per topic,
 * keyed by the exact bytes of the record's {@code "schema"} section, which a topic repeats unchanged until its
 * table changes. A record whose schema section matches a cached one byte for byte is decoded by one streaming pass
 * over its payload, without parsing the schema again.
 *
 * <p><b>Order.</b> {@link dev.bisync.api.ChangeEvent#position()} sorts changes of one source in commit order, and
 * by their order within the transaction; the rules and the evidence they rest on are in {@link SourcePositions}.
 * MariaDB and MySQL changes need {@code provide.transaction.metadata=true} for the order within a transaction.
 *
 * <p><b>Other fields.</b> Table: PostgreSQL {@code source.schema}.{@code source.table}, MariaDB/MySQL
 * {@code source.db}.{@code source.table}. Commit time: {@code source.ts_us}, else {@code source.ts_ms}.
 * Transaction id: PostgreSQL {@code source.txId}; MariaDB/MySQL {@code source.gtid}, else {@code transaction.id}.
 * A column holding the connector's unavailable-value placeholder is left out of its row image.
 *
 * <p>Thread-safe; one instance can serve every lane of a process.
 */
public final class DebeziumDecoder implements RecordDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(DebeziumDecoder.class);
    private static final String HEARTBEAT_TOPIC_PREFIX = "__debezium-heartbeat";

    private final JsonFactory json = new JsonFactory();
    private final ObjectMapper mapper = new ObjectMapper(json);
    private final SchemaCompiler compiler;
    private final SchemalessValues schemaless;
    private final SchemaCache valueSchemas = new SchemaCache();
    private final SchemaCache keySchemas = new SchemaCache();

    /** A decoder for connectors with the default {@code unavailable.value.placeholder}. */
    public DebeziumDecoder() {
        this(UnavailablePlaceholder.DEFAULT);
    }

    /** A decoder for connectors configured with this {@code unavailable.value.placeholder}. */
    public DebeziumDecoder(String unavailableValuePlaceholder) {
        UnavailablePlaceholder placeholder = new UnavailablePlaceholder(unavailableValuePlaceholder);
        this.compiler = new SchemaCompiler(placeholder);
        this.schemaless = new SchemalessValues(placeholder);
    }

    /**
     * Decodes one record.
     *
     * @param topic the record's topic
     * @param key   the record's key bytes, or null
     * @param value the record's value bytes, or null (a tombstone)
     * @return the change, or what kind of record was skipped
     * @throws UndecodableRecordException when the record is not a Debezium record this decoder understands; the
     *                                    message says what is wrong and names the topic
     */
    @Override
    public Decoded decode(String topic, byte[] key, byte[] value) {
        if (value == null) {
            return new Decoded.Skip("tombstone");
        }
        if (topic.startsWith(HEARTBEAT_TOPIC_PREFIX)) {
            return new Decoded.Skip("heartbeat");
        }
        try {
            Payload payload = readValue(topic, value);
            if (payload == null) {
                return new Decoded.Skip("tombstone");
            }
            if (payload.transactionStatus) {
                return new Decoded.Skip("transaction");
            }
            if (payload.schemaChange) {
                return new Decoded.Skip("schema-change");
            }
            if (payload.op == null) {
                if (payload.fields == 1 && payload.tsMs != Long.MIN_VALUE) {
                    return new Decoded.Skip("heartbeat");
                }
                throw new UndecodableRecordException("no op in the payload");
            }
            if ("m".equals(payload.op)) {
                return new Decoded.Skip("message");
            }
            ChangeEvent event = ChangeEvents.of(payload, readKey(topic, key));
            return new Decoded.Change(event, payload.transactionId == null ? null
                    : new TransactionMarker(false, payload.transactionId, Map.of())
                            .key("postgresql".equals(event.source().connector())));
        } catch (UndecodableRecordException e) {
            throw new UndecodableRecordException("topic " + topic + ": " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new UndecodableRecordException("topic " + topic + ": not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UndecodableRecordException("topic " + topic + ": " + e, e);
        }
    }

    /** How many compiled value schemas the decoder holds for the topic (for tests). */
    int cachedValueSchemas(String topic) {
        return valueSchemas.size(topic);
    }

    /** The payload of a change event value, or null if the payload is JSON null. */
    private Payload readValue(String topic, byte[] value) throws IOException {
        Located located = locate(topic, value, valueSchemas, false);
        try (JsonParser p = located.parser(json)) {
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            return Payload.read(p, located.schema, schemaless);
        }
    }

    private RowImage readKey(String topic, byte[] key) throws IOException {
        if (key == null) {
            return RowImage.empty();
        }
        try {
            Located located = locate(topic, key, keySchemas, true);
            try (JsonParser p = located.parser(json)) {
                if (p.nextToken() == JsonToken.VALUE_NULL) {
                    return RowImage.empty();
                }
                return RowImage.wrap(located.schema != null ? located.schema.key().decode(p, "key")
                        : schemaless.row(p, "key"));
            }
        } catch (UndecodableRecordException e) {
            throw e.getMessage().startsWith("key") ? e : new UndecodableRecordException("key: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new UndecodableRecordException("key: not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Where the payload starts and the decoders of the record's schema (null without schema). The fast path: the
     * record begins with {@code {"schema":}, the bytes that follow equal a cached schema of the topic, and
     * {@code ,"payload":} follows them. Otherwise the schema section is delimited, compiled and cached; a record
     * that does not begin with its schema is read whole.
     */
    private Located locate(String topic, byte[] record, SchemaCache cache, boolean key) throws IOException {
        int schemaStart = EnvelopeBytes.schemaStart(record);
        if (schemaStart < 0) {
            return EnvelopeBytes.leadingPayloadStart(record) >= 0 ? readWhole(record, key)
                    : new Located(null, record, 0);
        }
        if (EnvelopeBytes.isNull(record, schemaStart)) {
            int payloadStart = EnvelopeBytes.payloadStart(record, schemaStart + 4);
            return payloadStart >= 0 ? new Located(null, record, payloadStart) : readWhole(record, key);
        }
        if (record[schemaStart] != '{') {
            return new Located(null, record, 0); // a field named "schema" in a record without schema
        }
        SchemaCache.Hit hit = cache.find(topic, record, schemaStart);
        int schemaEnd;
        CompiledSchema schema;
        if (hit != null) {
            schemaEnd = hit.end();
            schema = hit.compiled();
        } else {
            schemaEnd = EnvelopeBytes.endOfContainer(record, schemaStart);
            if (schemaEnd < 0) {
                throw new UndecodableRecordException("not JSON: the schema section does not end");
            }
            schema = compile(mapper.readTree(record, schemaStart, schemaEnd - schemaStart), key);
            cache.put(topic, Arrays.copyOfRange(record, schemaStart, schemaEnd), schema);
            LOG.debug("topic {}: compiled a new {} schema of {} bytes", topic, key ? "key" : "value",
                    schemaEnd - schemaStart);
        }
        int payloadStart = EnvelopeBytes.payloadStart(record, schemaEnd);
        return payloadStart >= 0 ? new Located(schema, record, payloadStart) : readWhole(record, key);
    }

    /** The slow path for an envelope in another field order: parse it whole, compile without caching. */
    private Located readWhole(byte[] record, boolean key) throws IOException {
        JsonNode root = mapper.readTree(record);
        if (root == null || !root.isObject() || !root.has("payload")) {
            throw new UndecodableRecordException("no payload in the " + (key ? "key" : "value"));
        }
        JsonNode schema = root.get("schema");
        byte[] payload = mapper.writeValueAsBytes(root.get("payload"));
        return new Located(schema == null || schema.isNull() ? null : compile(schema, key), payload, 0);
    }

    private CompiledSchema compile(JsonNode schema, boolean key) {
        return key ? compiler.key(schema) : compiler.envelope(schema);
    }

    /**
     * A record's payload and its compiled schema.
     *
     * @param schema the decoders of the record's schema, or null for a record without schema
     * @param bytes  the record, or a re-serialised copy of its payload
     * @param start  where the payload starts in {@code bytes}
     */
    private record Located(CompiledSchema schema, byte[] bytes, int start) {
        JsonParser parser(JsonFactory json) throws IOException {
            return json.createParser(bytes, start, bytes.length - start);
        }
    }
}

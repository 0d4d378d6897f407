package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bisync.api.ChangeEvent;
import dev.bisync.api.JsonText;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.TableId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.bisync.core.internal.decode.Rows.change;
import static dev.bisync.core.internal.decode.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The envelope: which records are changes and which are skipped, the fields of a change, schemas, bad input. */
class DebeziumDecoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PG_TYPES = "deccappg/deccappg.public.dec_pg_types.json";
    private static final String MARIA_PARENT = "deccapmaria/deccapmaria.app.dec_maria_parent.json";

    private final DebeziumDecoder decoder = new DebeziumDecoder();

    @Test
    void recordsWithoutARowChangeAreSkippedByKind() {
        assertSkips("tombstone", Fixtures.load(PG_TYPES, 4));
        Fixtures.load("deccappg/__debezium-heartbeat.deccappg.json").forEach(r -> assertSkips("heartbeat", r));
        Fixtures.load("deccappg/deccappg.transaction.json").forEach(r -> assertSkips("transaction", r));
        Fixtures.load("deccapmaria/deccapmaria.transaction.json").forEach(r -> assertSkips("transaction", r));
        Fixtures.load("deccapmaria/deccapmaria.json").forEach(r -> assertSkips("schema-change", r));
        Fixtures.Fixture heartbeat = Fixtures.load("deccapmaria/__debezium-heartbeat.deccapmaria.json", 0);
        assertSkips("heartbeat", new Fixtures.Fixture("my-heartbeats", heartbeat.key(), heartbeat.value()));
        assertSkips("heartbeat", new Fixtures.Fixture("my-heartbeats", null, utf8("{\"ts_ms\":1711713255000}")));
        assertSkips("message", new Fixtures.Fixture("pg.message", null,
                utf8("{\"op\":\"m\",\"ts_ms\":1,\"source\":{\"connector\":\"postgresql\"},"
                        + "\"message\":{\"prefix\":\"p\"}}")));
    }

    @Test
    void skippedRecordsAreSkippedWithoutSchemaToo() {
        for (String file : List.of("deccappg/deccappg.transaction.json", "deccapmaria/deccapmaria.json")) {
            for (Fixtures.Fixture r : Fixtures.load(file)) {
                assertEquals(decoder.decode(r.topic(), r.key(), r.value()),
                        decoder.decode(r.topic(), r.schemaless().key(), r.schemaless().value()));
            }
        }
    }

    @Test
    void postgresChangeCarriesTableKeySourceAndCommitTime() throws IOException {
        Fixtures.Fixture record = Fixtures.load(PG_TYPES, 3);
        ChangeEvent delete = change(decoder, record);
        JsonNode source = JSON.readTree(record.value()).at("/payload/source");
        assertEquals(Operation.DELETE, delete.operation());
        assertEquals(TableId.of("public", "dec_pg_types"), delete.table());
        assertEquals(row("id", 2L), delete.key());
        assertNull(delete.after());
        assertEquals(2L, delete.before().get("id"));
        assertEquals(new SourceMetadata("postgresql", null, 0, null), delete.source());
        assertEquals(source.get("txId").asText(), delete.transactionId());
        long micros = source.get("ts_us").asLong();
        assertEquals(Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1_000), delete.commitTime());
    }

    @Test
    void mariadbChangeCarriesServerIdAndGtid() throws IOException {
        Fixtures.Fixture record = Fixtures.load(MARIA_PARENT, 2);
        ChangeEvent update = change(decoder, record);
        JsonNode source = JSON.readTree(record.value()).at("/payload/source");
        assertEquals(Operation.UPDATE, update.operation());
        assertEquals(TableId.of("app", "dec_maria_parent"), update.table());
        assertEquals(row("id", 1, "name", "T1 parent"), update.before());
        assertEquals(row("id", 1, "name", "T1 parent updated"), update.after());
        assertEquals(new SourceMetadata("mariadb", null, 11, source.get("gtid").asText()), update.source());
        assertEquals(source.get("gtid").asText(), update.transactionId());
        assertEquals(Instant.ofEpochMilli(source.get("ts_ms").asLong()), update.commitTime());
    }

    @Test
    void truncateDecodesWithAnEmptyKey() {
        for (Fixtures.Fixture record : List.of(Fixtures.load(PG_TYPES, 5),
                Fixtures.load("deccapmaria/deccapmaria.app.dec_maria_types.json", 5))) {
            ChangeEvent truncate = change(decoder, record);
            assertEquals(Operation.TRUNCATE, truncate.operation());
            assertTrue(truncate.key().isEmpty());
            assertNull(truncate.before());
            assertNull(truncate.after());
            assertTrue(List.of("dec_pg_types", "dec_maria_types").contains(truncate.table().name()));
        }
    }

    @Test
    void everyCapturedRecordDecodesTheSameWithoutSchema() throws IOException {
        Path root = Path.of("src/test/resources/debezium");
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                for (Fixtures.Fixture r : Fixtures.load(root.relativize(file).toString().replace('\\', '/'))) {
                    Decoded withSchema = decoder.decode(r.topic(), r.key(), r.value());
                    Decoded without = r.value() == null ? withSchema
                            : decoder.decode(r.topic(), r.schemaless().key(), r.schemaless().value());
                    if (withSchema instanceof Decoded.Change c) {
                        ChangeEvent a = c.event();
                        ChangeEvent b = ((Decoded.Change) without).event();
                        assertEquals(List.of(a.operation(), a.table(), a.position(), a.commitTime(), a.source(),
                                String.valueOf(a.transactionId()), a.key().toString()),
                                List.of(b.operation(), b.table(), b.position(), b.commitTime(), b.source(),
                                        String.valueOf(b.transactionId()), b.key().toString()), file.toString());
                        assertEquals(a.image() == null ? null : a.image().columns(),
                                b.image() == null ? null : b.image().columns(), file.toString());
                    } else {
                        assertEquals(withSchema, without, file.toString());
                    }
                }
            }
        }
    }

    @Test
    void valuesWithoutSchemaKeepTheirJsonKind() {
        RowImage after = change(decoder, Fixtures.load(PG_TYPES, 0).schemaless()).after();
        assertEquals(1L, after.get("id"));
        assertEquals(2147483647L, after.get("c_int4"));
        assertEquals(new BigDecimal("1.5"), after.get("c_float4"));
        assertEquals("NaN", after.get("c_float8_special"));
        assertEquals(Boolean.TRUE, after.get("c_bool"));
        assertEquals("{\"b\": 1, \"a\": [true, null]}", after.get("c_json"));
        assertEquals(new JsonText("[1,2,null,4]"), after.get("c_int_arr"));
        assertEquals("HL6ZGoU=", after.get("c_numeric"), "a Decimal's base64: the dialect converts by column type");
        assertFalse(change(decoder, Fixtures.load("deccappg/deccappg.public.dec_pg_toast.json", 1).schemaless())
                .after().has("big"));
    }

    @Test
    void aTopicsSchemaIsCompiledOnceUntilItChanges() {
        List<Fixtures.Fixture> child = Fixtures.load("deccappg/deccappg.public.dec_pg_child.json");
        for (int i = 0; i < 3; i++) {
            change(decoder, child.get(i));
        }
        assertEquals(1, decoder.cachedValueSchemas(child.get(0).topic()));
        ChangeEvent afterAlter = change(decoder, child.get(3));
        assertEquals("new", afterAlter.after().get("note"));
        assertEquals(2, decoder.cachedValueSchemas(child.get(0).topic()));
        assertEquals(row("id", 10, "parent_id", 1, "name", "T1 child a"), change(decoder, child.get(1)).after());
        assertEquals(2, decoder.cachedValueSchemas(child.get(0).topic()), "the old schema is still cached");
    }

    @Test
    void prettyPrintedAndReorderedEnvelopesDecodeToo() throws IOException {
        Fixtures.Fixture r = Fixtures.load(MARIA_PARENT, 0);
        RowImage expected = change(decoder, r).after();
        JsonNode value = JSON.readTree(r.value());
        byte[] pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        assertEquals(expected, change(decoder, new Fixtures.Fixture(r.topic(), r.key(), pretty)).after());
        ObjectNode reordered = JSON.createObjectNode();
        reordered.set("payload", value.get("payload"));
        reordered.set("schema", value.get("schema"));
        byte[] payloadFirst = JSON.writeValueAsBytes(reordered);
        assertEquals(expected, change(decoder, new Fixtures.Fixture(r.topic(), r.key(), payloadFirst)).after());
    }

    @Test
    void malformedRecordsAreRejectedNamingTopicAndProblem() {
        Fixtures.Fixture r = Fixtures.load(PG_TYPES, 0);
        assertRejected("not JSON", r.topic(), r.key(), utf8("{\"schema\": nope"));
        assertRejected("not JSON", r.topic(), r.key(), Arrays.copyOf(r.value(), r.value().length - 20));
        assertRejected("no payload", r.topic(), r.key(), utf8("{\"schema\":{\"type\":\"struct\",\"fields\":[]}}"));
        assertRejected("unknown Debezium op code 'x'", r.topic(), r.key(), edit(r, p -> p.put("op", "x")));
        assertRejected("no op", r.topic(), r.key(), edit(r, p -> p.remove("op")));
        assertRejected("no source table", r.topic(), r.key(),
                edit(r, p -> ((ObjectNode) p.get("source")).remove("table")));
        assertRejected("unsupported connector 'oracle'", r.topic(), r.key(),
                edit(r, p -> ((ObjectNode) p.get("source")).put("connector", "oracle")));
        assertRejected("after.c_int4: expected an integer, found string \"many\"", r.topic(), r.key(),
                edit(r, p -> ((ObjectNode) p.get("after")).put("c_int4", "many")));
        assertRejected("after.c_uuid: not a UUID string", r.topic(), r.key(),
                edit(r, p -> ((ObjectNode) p.get("after")).put("c_uuid", "not-a-uuid")));
        assertRejected("after.c_numeric: Failed to decode VALUE_STRING as base64", r.topic(), r.key(),
                edit(r, p -> ((ObjectNode) p.get("after")).put("c_numeric", "***")));
        assertRejected("after.surprise is not in the record's schema", r.topic(), r.key(),
                edit(r, p -> ((ObjectNode) p.get("after")).put("surprise", 1)));
        assertRejected("CREATE of public.dec_pg_types without an after image", r.topic(), r.key(),
                edit(r, p -> p.putNull("after")));
        assertRejected("key: not JSON", r.topic(), utf8("{\"id\""), r.value());
    }

    private void assertSkips(String kind, Fixtures.Fixture r) {
        assertEquals(new Decoded.Skip(kind), decoder.decode(r.topic(), r.key(), r.value()), r.topic());
    }

    private void assertRejected(String problem, String topic, byte[] key, byte[] value) {
        UndecodableRecordException e = assertThrows(UndecodableRecordException.class,
                () -> decoder.decode(topic, key, value));
        assertTrue(e.getMessage().startsWith("topic " + topic + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private static byte[] edit(Fixtures.Fixture r, Consumer<ObjectNode> change) {
        try {
            ObjectNode value = (ObjectNode) JSON.readTree(r.value());
            change.accept((ObjectNode) value.get("payload"));
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

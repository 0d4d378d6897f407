package dev.bisync.core.it;

import dev.bisync.api.Health;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bisync.core.LaneAccounting;
import dev.bisync.core.it.DeadLetterTopic.Letter;
import dev.bisync.spi.SyncListener;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad records produced straight into a source topic of the postgres-to-mariadb lane, each followed by a good one:
 * every bad record lands in the lane's dead-letter topic with its original bytes and a reason that names what is
 * wrong, every good one is applied, the lane never leaves UP, and every consumed record is accounted for once.
 * Hostile identifiers (quotes, backticks, semicolons, comment markers) never reach the target database: MariaDB's
 * general log, on for the run, holds no statement that contains them, not even as a bound value.
 */
@ExtendWith(EmbeddedStackExtension.class)
class BadInputCorpusIT {

    private static final String TOPIC = "errpg.public.err_items";
    private static final String DLQ = "bisync.err.postgres-to-mariadb.dlq";
    private static final String MARKER = "evil";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    /** Every state other than UP the lanes entered after start-up. */
    private static final List<String> states = new CopyOnWriteArrayList<>();
    private static long lsn = 1L << 40;

    /** A corpus entry: what it is, its value bytes, and what its dead letter's reason must contain. */
    private record Bad(String what, String errorClass, String reason, byte[] value) {
    }

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        String parents = "CREATE TABLE err_parents (id int PRIMARY KEY)";
        String items = "CREATE TABLE err_items (id int PRIMARY KEY, name varchar(20) NOT NULL, qty smallint, "
                + "parent_id int NULL, FOREIGN KEY (parent_id) REFERENCES err_parents (id))";
        execute(stack.mariadb(), parents, items, "INSERT INTO err_parents VALUES (1)");
        execute(stack.postgres(), parents, items, "ALTER TABLE err_parents REPLICA IDENTITY FULL",
                "ALTER TABLE err_items REPLICA IDENTITY FULL", "INSERT INTO err_parents VALUES (1)");
        fixture = new SyncFixture(stack, "err", 5630, List.of("err_parents", "err_items"), b -> b.eventAttempts(2)
                .listener(new SyncListener() {
                    @Override
                    public void laneStateChanged(String lane, Health state, String reason) {
                        if (state != Health.UP) {
                            states.add(lane + " " + state + " " + reason);
                        }
                    }
                }));
        roomForLargeRecords();
        fixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        execute(stack.mariadb(), "SET GLOBAL general_log = OFF");
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void everyBadRecordIsDeadLetteredWithItsReasonAndEveryGoodOneApplied() throws Exception {
        List<Bad> corpus = corpus();
        long startedAt = System.currentTimeMillis();
        execute(stack.mariadb(), "SET GLOBAL log_output = 'TABLE'", "SET GLOBAL general_log = ON");
        Map<Long, Bad> badByOffset = new LinkedHashMap<>();
        List<Integer> goodIds = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            int id = 1;
            for (Bad bad : corpus) {
                long offset = producer.send(new ProducerRecord<>(TOPIC, key(900 + id), bad.value())).get().offset();
                badByOffset.put(offset, bad);
                producer.send(new ProducerRecord<>(TOPIC, key(id), good(id))).get();
                goodIds.add(id++);
            }
        }
        String good = "SELECT count(*) FROM err_items WHERE id < 100";
        Rows.await("the good records applied", TIMEOUT,
                () -> Rows.read(stack.mariadb(), good).equals(List.of(List.of(String.valueOf(goodIds.size())))),
                () -> Rows.read(stack.mariadb(), good) + ", dead letters " + DeadLetterTopic.read(stack, DLQ));
        Rows.await("every bad record dead-lettered", TIMEOUT,
                () -> DeadLetterTopic.size(stack, DLQ) >= corpus.size(),
                () -> DeadLetterTopic.read(stack, DLQ).toString());
        execute(stack.mariadb(), "SET GLOBAL general_log = OFF");

        List<Letter> letters = DeadLetterTopic.read(stack, DLQ);
        assertEquals(corpus.size(), letters.size(), () -> "one dead letter per bad record: " + letters);
        for (Letter letter : letters) {
            System.out.println("[BadInputCorpusIT] " + letter.toString().substring(0,
                    Math.min(300, letter.toString().length())));
            Bad bad = badByOffset.get(Long.parseLong(letter.header("bisync.original.offset")));
            assertTrue(bad != null, () -> "a dead letter for a good record: " + letter);
            assertEquals(TOPIC, letter.header("bisync.original.topic"), bad.what());
            assertEquals("0", letter.header("bisync.original.partition"), bad.what());
            assertEquals("postgres-to-mariadb", letter.header("bisync.lane"), bad.what());
            assertEquals(bad.errorClass(), letter.header("bisync.error.class"), bad.what());
            assertEquals(bad.errorClass().equals("UndecodableRecordException") ? "1" : "2",
                    letter.header("bisync.attempts"), bad.what() + ": attempts");
            assertTrue(letter.header("bisync.error.message").contains(bad.reason()),
                    () -> bad.what() + ": reason '" + letter.header("bisync.error.message") + "' should contain '"
                            + bad.reason() + "'");
            assertTrue(!letter.header("bisync.time").isEmpty(), bad.what());
            assertArrayEquals(bad.value(), letter.value(), bad.what() + ": the original value bytes");
        }
        assertEquals(badByOffset.size(), letters.stream().map(l -> l.header("bisync.original.offset")).distinct()
                .count(), "each bad record dead-lettered once");

        List<List<String>> rows = Rows.read(stack.mariadb(), "SELECT id, name, qty FROM err_items ORDER BY id");
        assertEquals(goodIds.size(), rows.size(), () -> "only the good rows: " + rows);
        assertEquals(List.of(), Rows.read(stack.mariadb(), "SELECT id FROM err_parents WHERE id <> 1"),
                "err_parents untouched");
        assertEquals(List.of(), states, "the lanes never left UP");

        List<List<String>> hostile = Rows.read(stack.mariadb(), "SELECT user_host, argument FROM mysql.general_log "
                + "WHERE event_time >= FROM_UNIXTIME(" + startedAt / 1000 + ") AND argument LIKE '%" + MARKER + "%'");
        assertEquals(List.of(), hostile, "no statement carried a hostile identifier");
        List<List<String>> writes = Rows.read(stack.mariadb(), "SELECT count(*) FROM mysql.general_log WHERE "
                + "event_time >= FROM_UNIXTIME(" + startedAt / 1000 + ") AND argument LIKE '%err_items%'");
        assertTrue(Long.parseLong(writes.get(0).get(0)) > 0, "the general log saw bisync's writes: " + writes);

        LaneAccounting lane = fixture.sync().accounting().stream()
                .filter(a -> a.lane().equals("postgres-to-mariadb")).findFirst().orElseThrow();
        System.out.println("[BadInputCorpusIT] " + lane);
        fixture.sync().accounting().forEach(a -> assertTrue(a.balanced(), a::toString));
        assertEquals(2L * corpus.size(), lane.consumed(), "every produced record consumed");
        assertEquals(corpus.size(), lane.count("dead-lettered"));
        assertEquals(goodIds.size(), lane.count("applied"));
        assertEquals(Health.UP, fixture.sync().status().get(1).status());
    }

    private static List<Bad> corpus() throws Exception {
        String hostileTable = "err_items\"; DROP TABLE err_parents; -- " + MARKER;
        String hostileColumn1 = MARKER + "`; DROP TABLE err_parents; /*";
        String hostileColumn2 = MARKER + "' OR '1'='1' -- \"x\"";
        List<Bad> bads = new ArrayList<>();
        bads.add(new Bad("malformed JSON", "UndecodableRecordException", "not JSON",
                "{\"before\":null,\"after\":{\"id\":".getBytes(StandardCharsets.UTF_8)));
        bads.add(new Bad("no payload", "UndecodableRecordException", "no payload",
                "{\"schema\":null,\"nothing\":1}".getBytes(StandardCharsets.UTF_8)));
        bads.add(new Bad("unknown op", "UndecodableRecordException", "unknown Debezium op code 'x'",
                change("err_items", "x", row(101, "op"))));
        bads.add(new Bad("unknown table", "UnmappableChangeException", "table public.err_nosuch is not synced",
                change("err_nosuch", "c", row(102, "table"))));
        bads.add(new Bad("unknown column", "UnmappableChangeException", "has no column colour",
                change("err_items", "c", row(103, "column").put("colour", "red"))));
        bads.add(new Bad("hostile table name", "UnmappableChangeException", "is not synced by this lane",
                change(hostileTable, "c", row(104, "table"))));
        bads.add(new Bad("hostile column name (backtick, semicolon, comment)", "UnmappableChangeException",
                "has no column " + hostileColumn1, change("err_items", "c", row(105, "c1").put(hostileColumn1, 1))));
        bads.add(new Bad("hostile column name (quotes, comment)", "UnmappableChangeException",
                "has no column " + hostileColumn2, change("err_items", "c", row(106, "c2").put(hostileColumn2, 1))));
        bads.add(new Bad("value out of range", "RejectedValueException", "qty",
                change("err_items", "c", row(107, "range").put("qty", 70_000))));
        bads.add(new Bad("key out of range", "RejectedValueException", "reading the target row",
                change("err_items", "c", row(0, "key").put("id", 5_000_000_000L))));
        bads.add(new Bad("string too long", "RejectedValueException", "name",
                change("err_items", "c", row(108, "x".repeat(30)))));
        bads.add(new Bad("NOT NULL violation", "SQLIntegrityConstraintViolationException", "name",
                change("err_items", "c", row(109, null))));
        bads.add(new Bad("foreign-key violation", "SQLIntegrityConstraintViolationException",
                "foreign key constraint fails", change("err_items", "c", row(110, "orphan").put("parent_id", 999))));
        bads.add(new Bad("10 MB value", "RejectedValueException", "characters",
                change("err_items", "c", row(111, "y".repeat(10 * 1024 * 1024)))));
        bads.add(new Bad("schema disagrees with payload", "UndecodableRecordException", "id",
                withSchema(change("err_items", "c", row(112, "schema").put("id", "abc")))));
        return bads;
    }

    private static ObjectNode row(int id, String name) {
        ObjectNode row = JSON.createObjectNode().put("id", id);
        return name == null ? row.putNull("name") : row.put("name", name);
    }

    private static byte[] good(int id) throws Exception {
        return change("err_items", "c", row(id, "good-" + id).put("qty", id).put("parent_id", 1));
    }

    private static byte[] key(int id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A schemaless PostgreSQL change event as the connector writes it. */
    private static byte[] change(String table, String op, ObjectNode after) throws Exception {
        long now = System.currentTimeMillis();
        lsn += 100;
        ObjectNode value = JSON.createObjectNode();
        value.putNull("before");
        value.set("after", after);
        value.putObject("source").put("version", "3.6.1.Final").put("connector", "postgresql").put("name", "errpg")
                .put("ts_ms", now).put("ts_us", now * 1000).put("db", "app").put("schema", "public")
                .put("table", table).put("txId", lsn).put("lsn", lsn);
        value.put("op", op).put("ts_ms", now);
        return JSON.writeValueAsBytes(value);
    }

    /** The event with a schema section that declares every row column an int32. */
    private static byte[] withSchema(byte[] schemaless) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(schemaless);
        ObjectNode row = JSON.createObjectNode().put("type", "struct").put("optional", true);
        for (String column : List.of("id", "name", "qty", "parent_id")) {
            row.withArray("fields").addObject().put("type", "int32").put("optional", !column.equals("id"))
                    .put("field", column);
        }
        ObjectNode schema = JSON.createObjectNode().put("type", "struct").put("optional", false)
                .put("name", TOPIC + ".Envelope");
        schema.withArray("fields").add(row.deepCopy().put("field", "before"));
        schema.withArray("fields").add(row.deepCopy().put("field", "after"));
        ObjectNode source = schema.withArray("fields").addObject().put("type", "struct").put("optional", false)
                .put("field", "source");
        for (String field : List.of("version", "connector", "name", "db", "schema", "table")) {
            source.withArray("fields").addObject().put("type", "string").put("optional", false).put("field", field);
        }
        for (String field : List.of("ts_ms", "ts_us", "txId", "lsn")) {
            source.withArray("fields").addObject().put("type", "int64").put("optional", true).put("field", field);
        }
        schema.withArray("fields").addObject().put("type", "string").put("optional", false).put("field", "op");
        schema.withArray("fields").addObject().put("type", "int64").put("optional", true).put("field", "ts_ms");
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("schema", schema);
        envelope.set("payload", payload);
        return JSON.writeValueAsBytes(envelope);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafkaBootstrapServers(), "max.request.size",
                String.valueOf(16 * 1024 * 1024), "linger.ms", "0"), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** The source topic takes records of up to 16 MB, as a topic of a table with large values would. */
    private static void roomForLargeRecords() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", String.valueOf(16 * 1024 * 1024)),
                    AlterConfigOp.OpType.SET)))).all().get();
        }
    }
}

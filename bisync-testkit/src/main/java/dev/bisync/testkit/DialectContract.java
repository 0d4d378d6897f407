package dev.bisync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.CaptureRequest;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.DialectProvider;
import dev.bisync.spi.dialect.FailureKind;
import dev.bisync.spi.dialect.StoreType;
import dev.bisync.spi.dialect.TableMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rules every bisync {@link Dialect} keeps, checked against its real database in the embedded stack: one test
 * per rule. A dialect's integration test extends this class and says how to reach its database and which SQL type
 * stands for each of the contract's {@link SqlType logical types}; it may add tests of its own.
 *
 * <p>The dialect under test is the one the engine would pick: the supporting {@link DialectProvider} with the
 * highest priority, found with {@link ServiceLoader}. Writes go through sessions of the unprivileged
 * {@code bisync} user prepared with {@link dev.bisync.spi.dialect.WriterSessions#prepare}, one at a time in slot 0 (slots 1 and 2 for
 * the tests of side-by-side sessions): a PostgreSQL server keeps state for a few replication origins only. Tables
 * are named {@code dlc_*}.
 *
 * <p>Each rule's name starts with the part of the dialect it tests ({@code catalog}, {@code statements},
 * {@code values}, {@code writers}, {@code capture}, {@code copy}, {@code failures}, {@code store}). The rules come in
 * groups, one class each, chained so that a dialect's test inherits them all: {@link DialectContractFixture} holds
 * the stack, the dialect found, the hooks a dialect's test implements and the helpers the groups share;
 * {@link DialectStatementRules} the rules on the provider, the catalog's describe and the statements;
 * {@link DialectValueRules} those on round trips and rejections of values; {@link DialectCopyRules} those on key
 * equality, row estimates, foreign-key failures, the snapshot read and the bulk path; and this class those on writer
 * sessions and their echo mark, the classification of failures, bisync's own tables and the generated connector
 * configuration.
 */
public abstract class DialectContract extends DialectCopyRules {

    private static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(60);

    // ---------------------------------------------------------------- sessions, errors, offsets

    @Test
    @DisplayName("writers: prepare works for the unprivileged bisync user, and its writes carry the echo mark")
    void writerSessionMarksWrites() throws Exception {
        TableMetadata t = create("dlc_echo", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, v "
                + sqlType(SqlType.VARCHAR_20) + ", PRIMARY KEY (id)");
        int slot = 1;
        try (Connection c = connectWriter()) {
            String description = prepare(c, slot);
            assertTrue(description.contains(ECHO.name()) || description.contains(String.valueOf(ECHO.numericId())),
                    description);
            assertWritesAreMarked(stack, dialect, c, slot, t);
        }
        assertFalse(dialect.writers().describe(ECHO).isBlank());
    }

    @Test
    @DisplayName("writers: writer sessions of different slots run side by side, and a slot is prepared again right after its "
            + "session closed")
    void writerSessionsPerSlot() throws SQLException {
        try (Connection a = connectWriter(); Connection b = connectWriter()) {
            prepare(a, 1);
            prepare(b, 2);
        }
        try (Connection again = connectWriter()) {
            prepare(again, 1);
        }
    }

    @Test
    @DisplayName("writers: markUnavailable is empty for the bisync user; for an account without the mark's "
            + "privilege it names the grant, and prepareUnmarked serves that account")
    void writerMarkUnavailableNamesTheGrant() throws Exception {
        try (Connection c = connectWriter()) {
            c.setAutoCommit(true);
            assertEquals(java.util.Optional.empty(), dialect.writers().markUnavailable(c, ECHO),
                    "the testkit's bisync user may mark its sessions");
            prepare(c, 1); // the probe left the session fit to be marked
        }
        TableMetadata t = create("dlc_unmarked", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        DatabaseEndpoint plain = unprivilegedWriter(stack);
        try (Connection c = plain.connect()) {
            c.setAutoCommit(true);
            java.util.Optional<String> why = dialect.writers().markUnavailable(c, ECHO);
            System.out.println("[DialectContract] " + dialect.name() + ", account " + plain.user()
                    + ": markUnavailable = " + why);
            assertTrue(why.isPresent() && why.get().contains("GRANT"), "names the grant: " + why);
            dialect.writers().prepareUnmarked(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified(t.id().name())
                    + " (id) VALUES (?)")) {
                ps.setInt(1, 1);
                assertEquals(1, ps.executeUpdate());
            }
        }
    }

    @Test
    @DisplayName("failures: classify: a duplicate key is PERMANENT, also when a batch wraps it")
    void duplicateKeyIsPermanent() throws SQLException {
        TableMetadata t = create("dlc_classify", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, PRIMARY KEY (id)");
        String insert = "INSERT INTO " + qualified(t.id().name()) + " (id) VALUES (?)";
        try (Connection c = writerSession(); PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setInt(1, 1);
            ps.executeUpdate();
            assertEquals(FailureKind.PERMANENT, dialect.failures().classify(assertThrows(SQLException.class, ps::executeUpdate)));
            ps.setInt(1, 2);
            ps.addBatch();
            ps.addBatch();
            SQLException batch = assertThrows(SQLException.class, ps::executeBatch);
            assertInstanceOf(BatchUpdateException.class, batch);
            assertEquals(FailureKind.PERMANENT, dialect.failures().classify(batch));
        }
    }

    @Test
    @DisplayName("failures: classify: a wrong password and a missing table are FATAL, a session killed by the server TRANSIENT")
    void fatalAndTransientErrors() throws SQLException {
        DatabaseEndpoint w = writer(stack);
        assertEquals(FailureKind.FATAL, dialect.failures().classify(assertThrows(SQLException.class,
                () -> DriverManager.getConnection(w.jdbcUrl(), w.user(), w.password() + "-wrong").close())));
        try (Connection c = writerSession(); Connection admin = admin(stack).connect()) {
            assertEquals(FailureKind.FATAL, dialect.failures().classify(assertThrows(SQLException.class,
                    () -> execute(c, "SELECT * FROM " + qualified("dlc_no_such_table")))));
            killSession(admin, c);
            assertEquals(FailureKind.TRANSIENT, dialect.failures().classify(assertThrows(SQLException.class,
                    () -> execute(c, "SELECT 1"))));
        }
    }

    @Test
    @DisplayName("store: bisync's own column kinds make a table (twice is fine), and its upsert keeps the last row, now-stamped")
    void offsetsTable() throws SQLException {
        TableId offsets = table("dlc_offsets");
        execute(admin(stack), "DROP TABLE IF EXISTS " + qualified(offsets.name()));
        // the shape of bisync_offsets (and of every table bisync-core declares), from the dialect's kinds
        String create = "CREATE TABLE IF NOT EXISTS " + qualified(offsets.name()) + " (id "
                + dialect.store().type(StoreType.GENERATED_KEY, 0) + ", lane " + dialect.store().type(StoreType.VARCHAR, 200)
                + " NOT NULL, topic " + dialect.store().type(StoreType.VARCHAR, 249) + " NOT NULL, kafka_partition "
                + dialect.store().type(StoreType.INT, 0) + " NOT NULL, next_offset " + dialect.store().type(StoreType.BIGINT, 0)
                + " NOT NULL, note " + dialect.store().type(StoreType.TEXT, 0) + " NULL, updated_at "
                + dialect.store().type(StoreType.INSTANT, 0) + " NOT NULL DEFAULT " + dialect.store().now()
                + ", PRIMARY KEY (id), UNIQUE (lane, topic, kafka_partition)) " + dialect.store().tableOptions();
        String store = "INSERT INTO " + qualified(offsets.name()) + " (lane, topic, kafka_partition, next_offset) "
                + "VALUES (?, ?, ?, ?) " + dialect.statements().upsertClause(List.of("lane", "topic", "kafka_partition"),
                List.of("next_offset"), List.of("updated_at"));
        try (Connection c = writerSession()) {
            execute(c, create, create);
            try (PreparedStatement ps = c.prepareStatement(store)) {
                Object[][] stores = {{"lane", "t", 0, 42L}, {"lane", "t", 0, 43L}, {"lane", "t", 1, 7L}};
                for (Object[] row : stores) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.executeUpdate();
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT kafka_partition, "
                    + "next_offset, updated_at FROM " + qualified(offsets.name()) + " ORDER BY kafka_partition")) {
                List<List<Long>> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(List.of(rs.getLong(1), rs.getLong(2)));
                    assertTrue(rs.getObject(3) != null, "updated_at is set");
                }
                assertEquals(List.of(List.of(0L, 43L), List.of(1L, 7L)), rows);
            }
        }
    }

    @Test
    @DisplayName("capture: the generated connector configuration runs on the real connector: it captures the application's "
            + "writes with transaction metadata and drops those of bisync's writer sessions, or (where the database "
            + "cannot filter them) carries them with a mark that isOwnWrite recognises and the application's lack")
    void connectorDropsOwnWritesAtCapture() throws Exception {
        TableMetadata t = create("dlc_capture", "id " + sqlType(SqlType.INTEGER) + " NOT NULL, v "
                + sqlType(SqlType.DECIMAL_10_2) + ", PRIMARY KEY (id)");
        CaptureRequest request = captureRequest(stack, "dlc-capture", "dlccapture", List.of(t.id().name()));
        Map<String, String> config = new LinkedHashMap<>(dialect.capture().connectorConfig(request));
        config.putAll(connectorOverrides());
        stack.connect().put(request.connectorName(), config);
        try {
            stack.connect().awaitRunning(request.connectorName(), CAPTURE_TIMEOUT);
            stack.awaitStreaming(request.topicPrefix(), CAPTURE_TIMEOUT);
            try (Connection c = writerSession()) {
                upsert(c, t, List.of("id", "v"), new Object[] {1, new BigDecimal("1.50")});
            }
            execute(admin(stack), "INSERT INTO " + qualified(t.id().name()) + " (id, v) VALUES (2, 2.50)");
            List<JsonNode> changes = changes(request.topicPrefix() + "." + t.id().namespace() + "."
                    + t.id().name(), ownWritesDroppedAtCapture(stack) ? 1 : 2);
            JsonNode application = changes.get(changes.size() - 1);
            if (changes.size() == 2) {
                JsonNode own = changes.get(0);
                System.out.println("[DialectContract] " + dialect.name() + ": bisync's write captured with source "
                        + own.path("source") + "; the application's with " + application.path("source"));
                assertEquals(1, own.path("after").path("id").asInt(), "bisync's insert is captured first: " + own);
                assertTrue(dialect.writers().isOwnWrite(event(own, t), ECHO), "bisync's insert is recognised by its "
                        + "source block: " + own.path("source"));
                assertFalse(dialect.writers().isOwnWrite(event(application, t), ECHO), "the application's insert "
                        + "is not taken for bisync's: " + application.path("source"));
            }
            assertEquals(2, application.path("after").path("id").asInt(), "bisync's insert (id 1) is not captured: "
                    + application);
            assertTrue(application.path("transaction").isObject(), "transaction metadata: " + application);
        } finally {
            stack.connect().delete(request.connectorName());
        }
    }

    /** A change event with the source block of a captured payload, for {@code isOwnWrite}. */
    private static ChangeEvent event(JsonNode payload, TableMetadata table) {
        JsonNode source = payload.path("source");
        RowImage key = RowImage.of(Map.of("id", payload.path("after").path("id").asInt()));
        return new ChangeEvent(Operation.CREATE, table.id(), key, null, key, new SourcePosition(0, 0, "contract"),
                Instant.now(), payload.path("transaction").path("id").asText("0"), new SourceMetadata(
                        source.path("connector").asText(), text(source.path("origin")),
                        source.path("server_id").asLong(0), text(source.path("gtid"))));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** The payloads of the first {@code count} change events on a topic (of one partition, so in commit order). */
    private List<JsonNode> changes(String topic, int count) throws IOException {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlc-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<JsonNode> changes = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + CAPTURE_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    changes.add(JSON.readTree(record.value()).path("payload"));
                    if (changes.size() == count) {
                        return changes;
                    }
                }
            }
        }
        return fail(changes.size() + " of " + count + " change events on " + topic + " within " + CAPTURE_TIMEOUT
                + ": " + changes);
    }
}

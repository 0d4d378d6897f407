package dev.bisync.core.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import dev.bisync.testkit.PostgresServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The type matrix of {@code docs/type-mapping.md}, in both directions, on the embedded stack: each
 * {@link TypeCase} is a column of a wide table written at the source (MariaDB session at {@code +01:00},
 * PostgreSQL session at {@code Europe/Berlin}), read at the target and compared with the documented text; then the
 * round trip: the target's row is updated in another column, syncs home, and every case's value must be what it
 * was; an update on PostgreSQL that changes no value must come back as skipped-equal with nothing written. Values
 * the target cannot hold ({@link TypeCases.Rejection}) must reach the lane's dead-letter topic with a message naming
 * table, column and value, while the rows after them still cross.
 */
@Tag("versions") // also run against other database versions: see this module's pom
@ExtendWith(EmbeddedStackExtension.class)
class TypeMatrixIT {

    private static final String SYNC = "types";
    private static final String M2P = "types_m2p";
    private static final String P2M = "types_p2m";
    private static final String M2P_REJECT = "types_m2p_reject";
    private static final String P2M_REJECT = "types_p2m_reject";
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final long SETTLE_MS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<TypeCase> MARIA_TO_PG = TypeCases.mariaToPostgres();
    private static final List<TypeCase> PG_TO_MARIA = TypeCases.postgresToMaria();
    private static final List<TypeCases.Rejection> MARIA_TO_PG_REJECTED = TypeCases.mariaToPostgresRejections();
    /** The major version of the stack's PostgreSQL (the testkit's version property; unset: the default, 18). */
    private static final int PG_MAJOR = Integer.parseInt(System.getProperty(PostgresServer.VERSION_PROPERTY, "18")
            .split("\\.")[0]);
    private static final List<TypeCases.Rejection> PG_TO_MARIA_REJECTED = TypeCases.postgresToMariaRejections(PG_MAJOR);

    private static EmbeddedStack stack;
    private static SyncFixture fixture;
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    /** Renderings: [direction table] -> rows (each the case texts in case order). */
    private static final Map<String, List<List<String>>> atTarget = new HashMap<>();
    private static final Map<String, List<List<String>>> atSourceBefore = new HashMap<>();
    private static final Map<String, List<List<String>>> atSourceAfter = new HashMap<>();
    private static final Map<String, List<String>> deadLetters = new HashMap<>();
    private static final Map<String, Boolean> goodRowArrived = new HashMap<>();
    private static final Map<String, String> homeArrived = new HashMap<>();
    private static double noOpSkipped;
    private static double noOpApplied;
    private static double conflicts;

    @BeforeAll
    static void runTheMatrix(EmbeddedStack embedded) throws Exception {
        stack = embedded;
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        createTables(maria, pg);
        createTopics();
        fixture = new SyncFixture(stack, SYNC, 5620, List.of(M2P, P2M, M2P_REJECT, P2M_REJECT), b -> { },
                connector -> connector.put("producer.override.max.request.size", String.valueOf(MAX_MESSAGE_BYTES)));
        fixture.start(METERS);
        long t0 = System.nanoTime();

        insertRows(maria, "SET time_zone = '+01:00'", M2P, MARIA_TO_PG);
        insertRows(pg, "SET TIME ZONE 'Europe/Berlin'", P2M, PG_TO_MARIA);
        TypeCases.insertRejections(maria, M2P_REJECT, MARIA_TO_PG_REJECTED);
        TypeCases.insertRejections(pg, P2M_REJECT, PG_TO_MARIA_REJECTED);
        awaitCount(pg, M2P, rows(MARIA_TO_PG), "id > 0");
        awaitCount(maria, P2M, rows(PG_TO_MARIA), "id > 0");
        goodRowArrived.put(M2P_REJECT, awaitGoodRow(pg, M2P_REJECT, MARIA_TO_PG_REJECTED.size() + 1));
        goodRowArrived.put(P2M_REJECT, awaitGoodRow(maria, P2M_REJECT, PG_TO_MARIA_REJECTED.size() + 1));
        long crossed = System.nanoTime();

        atTarget.put(M2P, render(pg, M2P, MARIA_TO_PG, false));
        atTarget.put(P2M, render(maria, P2M, PG_TO_MARIA, false));
        atSourceBefore.put(M2P, render(maria, M2P, MARIA_TO_PG, true));
        atSourceBefore.put(P2M, render(pg, P2M, PG_TO_MARIA, true));

        // round trip: another column changes on the target side and the row syncs home
        SyncFixture.execute(pg, "UPDATE " + M2P + " SET touch = 1");
        SyncFixture.execute(maria, "UPDATE " + P2M + " SET touch = 1");
        homeArrived.put(M2P, tryAwaitCount(maria, M2P, rows(MARIA_TO_PG), "touch = 1"));
        homeArrived.put(P2M, tryAwaitCount(pg, P2M, rows(PG_TO_MARIA), "touch = 1"));
        atSourceAfter.put(M2P, render(maria, M2P, MARIA_TO_PG, true));
        atSourceAfter.put(P2M, render(pg, P2M, PG_TO_MARIA, true));
        long home = System.nanoTime();

        // an update that changes no value: every row must be found equal on MariaDB, nothing written
        Thread.sleep(SETTLE_MS);
        double skippedBefore = events("postgres-to-mariadb", "skipped-equal");
        double appliedBefore = events("postgres-to-mariadb", "applied") + events("mariadb-to-postgres", "applied");
        SyncFixture.execute(pg, "UPDATE " + M2P + " SET touch = touch", "UPDATE " + P2M + " SET touch = touch");
        int expected = rows(MARIA_TO_PG) + rows(PG_TO_MARIA);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (events("postgres-to-mariadb", "skipped-equal") - skippedBefore < expected
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(SETTLE_MS);
        noOpSkipped = events("postgres-to-mariadb", "skipped-equal") - skippedBefore;
        noOpApplied = events("postgres-to-mariadb", "applied") + events("mariadb-to-postgres", "applied")
                - appliedBefore;

        conflicts = METERS.find("bisync.conflicts").counters().stream().mapToDouble(Counter::count).sum();
        deadLetters.put(M2P_REJECT, deadLetterMessages("mariadb-to-postgres"));
        deadLetters.put(P2M_REJECT, deadLetterMessages("postgres-to-mariadb"));
        System.out.printf("[TypeMatrixIT] %d + %d cases, %d + %d rejections: crossed in %d ms, home in %d ms, "
                        + "no-op round: %.0f skipped-equal, %.0f applied%n", MARIA_TO_PG.size(), PG_TO_MARIA.size(),
                MARIA_TO_PG_REJECTED.size(), PG_TO_MARIA_REJECTED.size(), (crossed - t0) / 1_000_000,
                (home - crossed) / 1_000_000, noOpSkipped, noOpApplied);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> mariaDbToPostgres() {
        return direction("MariaDB -> PostgreSQL", M2P, MARIA_TO_PG, M2P_REJECT, MARIA_TO_PG_REJECTED);
    }

    @TestFactory
    Stream<DynamicTest> postgresToMariaDb() {
        return direction("PostgreSQL -> MariaDB", P2M, PG_TO_MARIA, P2M_REJECT, PG_TO_MARIA_REJECTED);
    }

    @TestFactory
    Stream<DynamicTest> valuesThatCameBackAreEqual() {
        return Stream.of(DynamicTest.dynamicTest("an update on PostgreSQL that changes no value is skipped as equal "
                + "on MariaDB, and nothing is written on either side", () -> {
                    assertEquals(rows(MARIA_TO_PG) + rows(PG_TO_MARIA), noOpSkipped, "rows skipped as equal");
                    assertEquals(0, noOpApplied, "rows written");
                }), DynamicTest.dynamicTest("no conflict in the whole matrix: every before-image that came back "
                + "equals the row it left", () -> assertEquals(0, conflicts, "conflicts")));
    }

    private static Stream<DynamicTest> direction(String label, String table, List<TypeCase> cases, String rejectTable,
            List<TypeCases.Rejection> rejections) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            TypeCase tc = cases.get(c);
            int column = c;
            tests.add(DynamicTest.dynamicTest(label + " " + tc + ": values arrive as documented", () -> {
                List<String> expected = new ArrayList<>();
                for (int row = 0; row < rows(cases); row++) {
                    expected.add(row < tc.values.size() ? tc.values.get(row).expected() : "NULL");
                }
                assertTexts(tc, expected, column(atTarget.get(table), column));
            }));
            tests.add(DynamicTest.dynamicTest(label + " " + tc + ": round trip comes home "
                    + (tc.fidelity.equals("exact") ? "unchanged" : "as documented (" + tc.fidelity + ")"), () -> {
                List<String> before = column(atSourceBefore.get(table), column);
                List<String> expected = new ArrayList<>(before);
                for (int row = 0; row < tc.values.size(); row++) {
                    if (tc.values.get(row).home() != null) {
                        expected.set(row, tc.values.get(row).home());
                    }
                }
                assertTexts(tc, expected, column(atSourceAfter.get(table), column));
            }));
        }
        for (TypeCases.Rejection r : rejections) {
            tests.add(DynamicTest.dynamicTest(label + " rejected " + r.name() + " (" + r.sourceType() + " -> "
                    + r.targetType() + "): dead-lettered naming table, column and value", () -> {
                String qualified = rejectTable + "." + r.column();
                java.util.regex.Pattern column = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(
                        qualified) + "\\b"); // c_zero_date, not c_zero_datetime
                List<String> matching = deadLetters.get(rejectTable).stream().filter(m -> column.matcher(m).find())
                        .toList();
                assertEquals(1, matching.size(), "dead letters for " + qualified + ": "
                        + deadLetters.get(rejectTable));
                String message = matching.get(0);
                assertTrue(message.contains(r.shownValue()) && message.contains(r.reason()),
                        "message names value " + r.shownValue() + " and reason '" + r.reason() + "': " + message);
            }));
        }
        tests.add(0, DynamicTest.dynamicTest(label + ": every row comes home after its update on the target side",
                () -> assertEquals(null, homeArrived.get(table), "rows home")));
        tests.add(DynamicTest.dynamicTest(label + ": the lane goes on after the rejections", () ->
                assertTrue(goodRowArrived.get(rejectTable), "the row after the rejected ones crossed")));
        return tests.stream();
    }

    static void assertTexts(TypeCase tc, List<String> expected, List<String> actual) throws Exception {
        if (tc.compare == TypeCase.Compare.JSON) {
            for (int row = 0; row < expected.size(); row++) {
                String e = expected.get(row);
                String a = actual.get(row);
                boolean same = e.equals("NULL") || a.equals("NULL") ? e.equals(a)
                        : JSON.readTree(e).equals(JSON.readTree(a));
                assertTrue(same, "row " + (row + 1) + " as JSON: expected " + e + " but was " + a);
            }
        } else {
            assertEquals(expected, actual);
        }
    }

    static List<String> column(List<List<String>> rows, int column) {
        return rows.stream().map(r -> r.get(column)).toList();
    }

    /** Rows of a direction's table: the most values of any case, plus one row of NULLs. */
    static int rows(List<TypeCase> cases) {
        return cases.stream().mapToInt(c -> c.values.size()).max().orElse(0) + 1;
    }

    private static void createTables(DatabaseEndpoint maria, DatabaseEndpoint pg) throws Exception {
        SyncFixture.execute(pg, "CREATE EXTENSION IF NOT EXISTS ltree", "CREATE EXTENSION IF NOT EXISTS hstore");
        TypeCases.createEnumTypes(pg);
        SyncFixture.execute(maria, ddl(M2P, MARIA_TO_PG, true), ddl(P2M, PG_TO_MARIA, false),
                TypeCases.rejectDdl(M2P_REJECT, MARIA_TO_PG_REJECTED, true),
                TypeCases.rejectDdl(P2M_REJECT, PG_TO_MARIA_REJECTED, false));
        SyncFixture.execute(pg, ddl(M2P, MARIA_TO_PG, false), ddl(P2M, PG_TO_MARIA, true),
                TypeCases.rejectDdl(M2P_REJECT, MARIA_TO_PG_REJECTED, false),
                TypeCases.rejectDdl(P2M_REJECT, PG_TO_MARIA_REJECTED, true));
        for (String table : List.of(M2P, P2M, M2P_REJECT, P2M_REJECT)) {
            SyncFixture.execute(pg, "ALTER TABLE " + table + " REPLICA IDENTITY FULL");
        }
    }

    static String ddl(String table, List<TypeCase> cases, boolean source) {
        StringBuilder sb = new StringBuilder("CREATE TABLE " + table + " (id int PRIMARY KEY, touch int NOT NULL");
        for (TypeCase c : cases) {
            sb.append(", ").append(c.column()).append(' ').append(source ? c.sourceType : c.targetType);
        }
        return sb.append(')').toString();
    }

    /** Source topics may carry rows of 1 MiB values, before and after image: their limit is raised. */
    private static void createTopics() throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String table : List.of(M2P, P2M, M2P_REJECT, P2M_REJECT)) {
            topics.add(new NewTopic(SYNC + "maria" + "." + EmbeddedStack.DATABASE + "." + table, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES))));
            topics.add(new NewTopic(SYNC + "pg" + ".public." + table, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES))));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            admin.createTopics(topics).all().get();
        }
    }

    static void insertRows(DatabaseEndpoint source, String sessionZone, String table, List<TypeCase> cases)
            throws Exception {
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            s.execute(sessionZone);
            for (int row = 0; row < rows(cases); row++) {
                StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES (" + (row + 1) + ", 0");
                for (TypeCase tc : cases) {
                    sql.append(", ").append(row < tc.values.size() ? tc.values.get(row).literal() : "NULL");
                }
                s.execute(sql.append(')').toString());
            }
        }
    }

    private static void awaitCount(DatabaseEndpoint endpoint, String table, int rows, String where) throws Exception {
        String sql = "SELECT count(*) FROM " + table + " WHERE " + where;
        Rows.await(rows + " rows of " + table + " where " + where, TIMEOUT,
                () -> Rows.read(endpoint, sql).equals(List.of(List.of(String.valueOf(rows)))),
                () -> Rows.read(endpoint, sql).toString());
    }

    /** Null when the rows arrived, else what was seen instead. */
    private static String tryAwaitCount(DatabaseEndpoint endpoint, String table, int rows, String where)
            throws Exception {
        try {
            awaitCount(endpoint, table, rows, where);
            return null;
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    private static boolean awaitGoodRow(DatabaseEndpoint target, String table, int id) throws Exception {
        String sql = "SELECT id FROM " + table + " WHERE id = " + id;
        try {
            Rows.await("row " + id + " of " + table, TIMEOUT, () -> !Rows.read(target, sql).isEmpty(), () -> "");
            return Rows.read(target, "SELECT id FROM " + table + " WHERE id < " + id).isEmpty();
        } catch (AssertionError e) {
            return false;
        }
    }

    /** Every case's column rendered as text by its SQL expression, row by row, in UTC. */
    static List<List<String>> render(DatabaseEndpoint endpoint, String table, List<TypeCase> cases,
            boolean source) throws Exception {
        boolean isMaria = !endpoint.jdbcUrl().startsWith("jdbc:postgresql");
        StringBuilder sql = new StringBuilder("SELECT id");
        for (TypeCase tc : cases) {
            sql.append(", ").append(String.format(source ? tc.sourceRead : tc.targetRead, tc.column()));
        }
        sql.append(" FROM ").append(table).append(" ORDER BY id");
        try (Connection c = endpoint.connect(); Statement s = c.createStatement()) {
            s.execute(isMaria ? "SET time_zone = '+00:00'" : "SET TIME ZONE 'UTC'");
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 0; i < cases.size(); i++) {
                        String text = rs.getString(i + 2);
                        row.add(text == null ? "NULL" : text);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static double events(String lane, String outcome) {
        return METERS.find("bisync.events").tag("lane", lane).tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** The {@code bisync.error.message} header of every record on the lane's dead-letter topic. */
    private static List<String> deadLetterMessages(String lane) {
        String topic = "bisync." + SYNC + "." + lane + ".dlq";
        List<String> messages = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers(), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Header message = r.headers().lastHeader(DeadLetterPublisher.ERROR_MESSAGE);
                    Header errorClass = r.headers().lastHeader(DeadLetterPublisher.ERROR_CLASS);
                    messages.add(text(errorClass) + ": " + text(message));
                }
            }
        }
        return messages;
    }

    private static String text(Header header) {
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}

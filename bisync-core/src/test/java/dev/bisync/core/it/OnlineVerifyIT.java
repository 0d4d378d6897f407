package dev.bisync.core.it;

import dev.bisync.api.Alert;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.VerifySchedule;
import dev.bisync.spi.SyncListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.bisync.core.OnlineVerify;
import dev.bisync.core.Repair;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.core.report.DriftedRow;
import dev.bisync.core.report.RepairedRow;
import dev.bisync.core.report.VerifyReport;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Online verify and repair with both lanes running and load on both sides: drift made behind bisync's back (writes
 * through an echo-marked writer session, which neither lane carries over, on each side; a row deleted on MariaDB
 * while the lanes were stopped, the lane's stored offset then moved past the delete) on tables keyed by an integer,
 * a composite key and text (mixed case, which MariaDB and PostgreSQL order differently) must be reported exactly —
 * no row the load was changing at the time — and be gone after a repair. The sync's scheduled verify (every 2 s)
 * raises {@code VERIFY_DRIFT} with {@code bisync.verify.drifted} 6, cleared once the repair is made.
 */
@ExtendWith(EmbeddedStackExtension.class)
class OnlineVerifyIT {

    private static final List<String> TABLES = List.of("vf_int", "vf_comp", "vf_text");
    private static final String LANE = "mariadb-to-postgres";

    @Test
    void driftBehindBisyncsBackIsReportedExactlyAndRepairedWhileLoadRuns(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        for (DatabaseEndpoint side : List.of(maria, pg)) {
            execute(side, "CREATE TABLE vf_int (id int PRIMARY KEY, name varchar(40) NOT NULL, qty int NOT NULL)",
                    "CREATE TABLE vf_comp (a int NOT NULL, b varchar(10) NOT NULL, qty int NOT NULL, "
                            + "PRIMARY KEY (a, b))",
                    "CREATE TABLE vf_text (code varchar(20) PRIMARY KEY, qty int NOT NULL)");
        }
        for (String t : TABLES) {
            execute(pg, "ALTER TABLE " + t + " REPLICA IDENTITY FULL");
        }
        List<Alert> raised = new CopyOnWriteArrayList<>();
        List<Alert> cleared = new CopyOnWriteArrayList<>();
        SyncListener alerts = new SyncListener() {
            @Override
            public void alertRaised(Alert alert) {
                raised.add(alert);
            }

            @Override
            public void alertCleared(Alert alert) {
                cleared.add(alert);
            }
        };
        try (SyncFixture fixture = new SyncFixture(stack, "verify", 5741, TABLES, b -> b.listener(alerts)
                .verifySchedule(new VerifySchedule(Duration.ofSeconds(2), 40, Duration.ofSeconds(2))))) {
            fixture.start();
            execute(maria, "INSERT INTO vf_int SELECT seq, CONCAT('n', seq), 0 FROM seq_1_to_400",
                    "INSERT INTO vf_comp SELECT seq DIV 3, CONCAT('x', seq MOD 3), 0 FROM seq_3_to_302",
                    "INSERT INTO vf_text SELECT CONCAT('k', LPAD(seq, 4, '0')), 0 FROM seq_1_to_250",
                    "INSERT INTO vf_text VALUES ('Alpha', 0), ('beta', 0), ('Gamma', 0), ('delta', 0), ('_x', 0)");
            for (String t : TABLES) {
                Rows.awaitEqual(maria, pg, "SELECT count(*) FROM " + t, TIMEOUT);
            }
            Load load = new Load(maria, pg);
            load.start();
            Thread.sleep(1500);

            // a row deleted on MariaDB while the lanes were stopped; the lane's offsets then moved past the delete
            load.pause();
            for (String t : TABLES) { // the lanes caught up: moving the offsets must skip the delete only
                Rows.awaitEqual(maria, pg, "SELECT count(*), sum(qty) FROM " + t, TIMEOUT);
            }
            fixture.stopSync();
            moveLaneOffsetsPastDelete(stack, fixture, pg, () -> execute(maria,
                    "DELETE FROM vf_comp WHERE a = 3 AND b = 'x1'"));
            SimpleMeterRegistry meters = new SimpleMeterRegistry(); // the restarted sync's scheduled verify
            fixture.start(meters);
            load.resume();
            // writes through echo-marked writer sessions: no lane carries them over
            behindBisyncsBack(fixture, fixture.config.sideA(),
                    "UPDATE vf_text SET qty = 999 WHERE code = 'k0042'",
                    "UPDATE vf_text SET qty = 998 WHERE code = 'beta'");
            behindBisyncsBack(fixture, fixture.config.sideB(),
                    "UPDATE vf_int SET name = 'behind' WHERE id = 7",
                    "INSERT INTO vf_comp VALUES (9, 'extra', 1)",
                    "DELETE FROM vf_int WHERE id = 350");
            Thread.sleep(1000);

            List<String> progress = new ArrayList<>();
            VerifyReport found = OnlineVerify.builder(fixture.config).chunkRows(40)
                    .progress(Duration.ofMillis(1), progress::add).run();
            long changesDuringVerify = load.changes();
            assertEquals(Set.of("vf_comp {a=3, b=x1}", "vf_comp {a=9, b=extra}", "vf_int {id=7}", "vf_int {id=350}",
                    "vf_text {code=beta}", "vf_text {code=k0042}"), keys(found.drift()), found.toString());
            assertEquals(List.of(), found.unsettled(), "no row the load changed is left unsettled");
            assertTrue(found.tables().stream().mapToLong(VerifyReport.TableVerification::chunks).sum() > 20,
                    found.tables().toString());
            assertTrue(changesDuringVerify > 0, "the load ran");
            assertTrue(progress.stream().anyMatch(l -> l.startsWith("verify: vf_") && l.contains(" rows/s")),
                    progress.toString());
            DriftedRow seven = found.drift().stream().filter(r -> r.table().equals("vf_int")
                    && ((Number) r.key().get("id")).intValue() == 7).findFirst().orElseThrow();
            assertEquals("n7", seven.rowA().get("name"));
            assertEquals("behind", seven.rowB().get("name"));

            Rows.await("the scheduled verify's drift alert", TIMEOUT, () -> raised.stream()
                    .anyMatch(a -> a.rule() == Alert.Rule.VERIFY_DRIFT) && gauge(meters, "bisync.verify.drifted") == 6,
                    () -> "alerts " + raised + ", drifted " + gauge(meters, "bisync.verify.drifted"));
            assertTrue(meters.get("bisync.verify.rows").counter().count() > 0);

            List<RepairedRow> dry;
            try (Repair repair = Repair.open(fixture.config)) {
                dry = repair.repair(found.drift(), "mariadb", true);
            }
            assertEquals(6, dry.size(), dry.toString());
            assertEquals("behind", Rows.read(pg, "SELECT name FROM vf_int WHERE id = 7").get(0).get(0),
                    "a dry run writes nothing");

            List<RepairedRow> repaired;
            try (Repair repair = Repair.open(fixture.config)) {
                repaired = repair.repair(found.drift(), "mariadb", false);
            }
            assertTrue(repaired.stream().allMatch(r -> r.writtenTo().equals("postgres")), repaired.toString());
            VerifyReport after = OnlineVerify.builder(fixture.config).chunkRows(40).run();
            assertTrue(after.clean(), "after the repair, with the load running: " + after);
            Rows.await("the drift alert cleared", TIMEOUT, () -> cleared.stream()
                    .anyMatch(a -> a.rule() == Alert.Rule.VERIFY_DRIFT) && gauge(meters, "bisync.verify.drifted") == 0
                    && meters.get("bisync.verify.runs").tag("result", "clean").counter().count() > 0,
                    () -> "cleared " + cleared + ", drifted " + gauge(meters, "bisync.verify.drifted"));
            load.stop();
            assertEquals(List.of(List.of("6")), Rows.read(pg, "SELECT count(*) FROM bisync_conflicts WHERE "
                    + "lane = 'repair' AND status = 'resolved' AND resolution = 'repair: take-mariadb'"));
            for (String t : TABLES) {
                Rows.awaitEqual(maria, pg, "SELECT count(*), sum(qty) FROM " + t, TIMEOUT);
            }
            assertTrue(OnlineVerify.builder(fixture.config).run().clean());
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static double gauge(SimpleMeterRegistry meters, String name) {
        var gauge = meters.find(name).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static Set<String> keys(List<DriftedRow> rows) {
        return rows.stream().map(r -> r.table() + " " + r.key().values()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Runs the statements in one transaction of a writer session with bisync's echo mark. */
    private static void behindBisyncsBack(SyncFixture fixture, SideConfig side, String... statements)
            throws Exception {
        Dialect dialect;
        try (Connection c = TargetConnections.open(side.database())) {
            dialect = new DialectResolver().resolve(side.database().jdbcUrl(), c);
        }
        try (TargetSession session = new TargetSession(side, dialect, fixture.config.echo(), "[test]")) {
            try (Statement s = session.connection().createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            session.commit();
        }
    }

    /**
     * With the lanes stopped: runs {@code change} on MariaDB, waits until it is captured, then stores the lane's
     * offsets at the end of its topics, so that the lane never applies it.
     */
    private static void moveLaneOffsetsPastDelete(EmbeddedStack stack, SyncFixture fixture, DatabaseEndpoint pg,
            Action change) throws Exception {
        var source = fixture.config.sideA();
        List<String> topics = new ArrayList<>(source.tables().stream().map(source::topicFor).toList());
        topics.add(source.topicPrefix() + ".transaction");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                consumer.partitionsFor(t, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            TopicPartition comp = new TopicPartition(source.topicFor("vf_comp"), 0);
            long before = consumer.endOffsets(List.of(comp)).get(comp);
            change.run();
            Rows.await("the delete captured", TIMEOUT, () -> consumer.endOffsets(List.of(comp)).get(comp) > before,
                    () -> "end offset still " + before);
            Thread.sleep(1000); // its transaction's END too
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE bisync_offsets SET next_offset = ? WHERE lane = ? AND topic = ? AND kafka_partition = ?")) {
                for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                    ps.setLong(1, e.getValue());
                    ps.setString(2, LANE);
                    ps.setString(3, e.getKey().topic());
                    ps.setInt(4, e.getKey().partition());
                    ps.executeUpdate();
                }
            }
        }
    }

    /**
     * Changes on both sides, about 40 a second, while the verify runs: MariaDB updates vf_int (ids 100 to 300) and
     * vf_text, PostgreSQL updates vf_comp (a from 20), none of them a row the drift is made in.
     */
    private static final class Load {
        private final DatabaseEndpoint maria;
        private final DatabaseEndpoint pg;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean paused = new AtomicBoolean();
        private final AtomicLong changes = new AtomicLong();
        private final Thread thread;

        Load(DatabaseEndpoint maria, DatabaseEndpoint pg) {
            this.maria = maria;
            this.pg = pg;
            this.thread = new Thread(this::run, "verify-load");
        }

        void start() {
            thread.start();
        }

        private void run() {
            Random random = new Random(19);
            try (Connection m = maria.connect(); Connection p = pg.connect()) {
                while (running.get()) {
                    if (!paused.get()) {
                        try (Statement s = m.createStatement(); Statement t = p.createStatement()) {
                            s.execute("UPDATE vf_int SET qty = qty + 1 WHERE id = " + (100 + random.nextInt(200)));
                            s.execute("UPDATE vf_text SET qty = qty + 1 WHERE code = 'k"
                                    + String.format("%04d", 100 + random.nextInt(150)) + "'");
                            t.execute("UPDATE vf_comp SET qty = qty + 1 WHERE a = " + (20 + random.nextInt(80)));
                        }
                        changes.addAndGet(3);
                    }
                    Thread.sleep(75);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void pause() throws InterruptedException {
            paused.set(true);
            Thread.sleep(200);
        }

        void resume() {
            paused.set(false);
        }

        long changes() {
            return changes.get();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}

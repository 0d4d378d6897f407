package dev.bisync.core.it;

import dev.bisync.api.Health;
import dev.bisync.api.BisyncException;
import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.BiSync;
import dev.bisync.core.LaneAccounting;
import dev.bisync.core.report.LaneStatus;
import dev.bisync.spi.SyncListener;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import dev.bisync.testkit.StackComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Components of the embedded stack taken away under a running sync and brought back: the target database for
 * 30 s (the lane goes DEGRADED, retries, recovers), the Kafka broker, the Connect worker; after each, every row
 * written on MariaDB meanwhile is on PostgreSQL, nothing is dead-lettered, and every consumed record is accounted
 * for. A wrong database password stops the sync with a message naming the setting to fix, and the password never
 * appears in the log. What is stopped is started again in {@code finally}: other test classes share the stack.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    private static final Duration RECOVERY = Duration.ofSeconds(120);
    private static final String ROWS = "SELECT id, n FROM fault_items ORDER BY id";
    private static final String WRITER = "fault_writer";

    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;
    private static final List<String> states = new CopyOnWriteArrayList<>();
    private static int nextId = 1;

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        maria = stack.mariadb();
        pg = stack.postgres();
        execute(maria, "CREATE TABLE fault_items (id int PRIMARY KEY, n int NOT NULL)");
        execute(pg, "CREATE TABLE fault_items (id int PRIMARY KEY, n int NOT NULL)",
                "ALTER TABLE fault_items REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "fault", 5631, List.of("fault_items"), b -> b.listener(new SyncListener() {
            @Override
            public void laneStateChanged(String lane, Health state, String reason) {
                states.add(lane + " " + state + " " + reason);
            }
        }));
        fixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        execute(pg, "DROP ROLE IF EXISTS " + WRITER);
    }

    @Test
    @Order(1)
    void targetDatabaseStoppedFor30sIsRetriedAndRecoveredWithNothingLost() throws Exception {
        insert(20);
        awaitEqual(maria, pg, ROWS, SyncFixture.TIMEOUT);
        states.clear();
        long stoppedAt = System.nanoTime();
        outage(stack.postgresServer(), () -> {
            for (int i = 0; i < 30; i++) {
                insert(2);
                Thread.sleep(1_000);
            }
            assertTrue(states.stream().anyMatch(st -> st.startsWith("mariadb-to-postgres DEGRADED target database: ")),
                    () -> "states " + states);
            assertTrue(lastReason().startsWith("target database: "), FaultIT::lastReason);
        });
        System.out.println("[FaultIT] PostgreSQL stopped for " + (System.nanoTime() - stoppedAt) / 1_000_000
                + " ms; lane states: " + states);
        awaitEqual(maria, pg, ROWS, RECOVERY);
        Rows.await("both lanes UP", RECOVERY, () -> fixture.sync().status().stream()
                .allMatch(l -> l.status() == Health.UP), () -> fixture.sync().status().toString());
        assertNothingDeadLetteredAndAllAccounted();
    }

    @Test
    @Order(2)
    void brokerRestartIsReportedAsDegradedAndLosesNothing() throws Exception {
        insert(20);
        awaitEqual(maria, pg, ROWS, SyncFixture.TIMEOUT);
        states.clear();
        outage(stack.kafka(), () -> {
            insert(20);
            Rows.await("the lanes DEGRADED", SyncFixture.TIMEOUT, () -> states.stream()
                    .filter(st -> st.contains(" DEGRADED Kafka: no connection to any broker")).count() == 2,
                    states::toString);
        });
        awaitConnectorsRunning();
        insert(20);
        awaitEqual(maria, pg, ROWS, RECOVERY);
        Rows.await("both lanes UP", RECOVERY, () -> fixture.sync().status().stream()
                .allMatch(l -> l.status() == Health.UP), () -> fixture.sync().status().toString());
        System.out.println("[FaultIT] broker restarted; lane states: " + states);
        assertNothingDeadLetteredAndAllAccounted();
    }

    @Test
    @Order(3)
    void connectWorkerRestartLosesNothing() throws Exception {
        insert(20);
        outage(stack.connectWorker(), () -> {
            insert(20);
            Thread.sleep(2_000);
        });
        awaitConnectorsRunning();
        insert(20);
        awaitEqual(maria, pg, ROWS, RECOVERY);
        assertNothingDeadLetteredAndAllAccounted();
    }

    @Test
    @Order(4)
    void wrongPasswordAtStartNamesTheSettingAndNeverThePassword() throws Exception {
        String wrong = "Wr0ng-" + Long.toHexString(System.nanoTime());
        try (CapturedLog log = new CapturedLog()) {
            BisyncException e = assertThrows(BisyncException.class, () -> BiSync.builder(withPostgresUser(
                    stack.postgresServer().bisyncUser().user(), wrong)).start().close());
            System.out.println("[FaultIT] start with a wrong password: " + e.getMessage());
            assertTrue(e.getMessage().contains("password of side postgres"), e.getMessage());
            assertFalse(e.getMessage().contains(wrong), "the message shows the password");
            assertFalse(log.text().contains(wrong), "the log shows the password");
        }
    }

    @Test
    @Order(5)
    void passwordChangedUnderARunningLaneStopsItDownNamingTheSetting() throws Exception {
        String first = "F1rst-" + Long.toHexString(System.nanoTime());
        String second = "Sec0nd-" + Long.toHexString(System.nanoTime());
        execute(pg, "CREATE ROLE " + WRITER + " LOGIN PASSWORD '" + first + "' IN ROLE "
                + stack.postgresServer().bisyncUser().user());
        fixture.stopSync();
        try (CapturedLog log = new CapturedLog();
             BiSync sync = BiSync.builder(withPostgresUser(WRITER, first)).start()) {
            sync.awaitUp(SyncFixture.TIMEOUT);
            insert(5);
            awaitEqual(maria, pg, ROWS, SyncFixture.TIMEOUT);
            execute(pg, "ALTER ROLE " + WRITER + " PASSWORD '" + second + "'",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + WRITER + "'");
            insert(1);
            Rows.await("the lane DOWN", SyncFixture.TIMEOUT, () -> lane(sync).status() == Health.DOWN,
                    () -> sync.status().toString());
            String reason = lane(sync).reason();
            System.out.println("[FaultIT] password changed under the lane: " + reason);
            assertTrue(reason.contains("side 'postgres'") && reason.contains("password in the DatabaseConfig"),
                    reason);
            assertTrue(reason.contains("28P01"), reason);
            assertEquals(Health.UP, sync.status().get(1).status(), "the other lane goes on");
            Rows.await("the log saying why the lane stopped", SyncFixture.TIMEOUT,
                    () -> log.text().contains("stopped: the target database refused bisync"), () -> "no such line");
            for (String password : List.of(first, second)) {
                assertFalse(reason.contains(password), "the reason shows a password");
                assertFalse(log.text().contains(password), "the log shows a password");
            }
        }
    }

    private static LaneStatus lane(BiSync sync) {
        return sync.status().stream().filter(l -> l.lane().equals("mariadb-to-postgres")).findFirst().orElseThrow();
    }

    private static SyncConfig withPostgresUser(String user, String password) {
        SyncConfig c = fixture.config;
        SideConfig b = c.sideB();
        return SyncConfig.builder().name(c.name()).kafkaBootstrapServers(c.kafkaBootstrapServers()).sideA(c.sideA())
                .sideB(new SideConfig(b.name(), DatabaseConfig.of(b.database().jdbcUrl(), user, password),
                        b.namespace(), b.topicPrefix(), b.tables()))
                .build();
    }

    private static String lastReason() {
        return fixture.sync().status().stream().filter(l -> l.lane().equals("mariadb-to-postgres")).findFirst()
                .orElseThrow().reason();
    }

    /** Stops the component, runs {@code during}, and starts it again whatever happens. */
    private static void outage(StackComponent component, Step during) throws Exception {
        component.stop();
        try {
            during.run();
        } finally {
            component.start();
        }
    }

    private static void awaitConnectorsRunning() {
        fixture.connect.awaitRunning("fault-maria", RECOVERY);
        fixture.connect.awaitRunning("fault-pg", RECOVERY);
    }

    private static void assertNothingDeadLetteredAndAllAccounted() {
        for (LaneAccounting lane : fixture.sync().accounting()) {
            System.out.println("[FaultIT] " + lane);
            assertTrue(lane.balanced(), lane::toString);
            assertEquals(0, lane.count("dead-lettered"), lane::toString);
        }
        assertEquals(0, DeadLetterTopic.size(stack, "bisync.fault.mariadb-to-postgres.dlq"));
    }

    private static void insert(int rows) throws Exception {
        for (int i = 0; i < rows; i++) {
            int id = nextId++;
            execute(maria, "INSERT INTO fault_items VALUES (" + id + ", " + id * 7 + ")");
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}

package dev.bisync.core.it;

import dev.bisync.api.Health;
import dev.bisync.api.Alert;
import dev.bisync.api.config.AlertRules;
import dev.bisync.core.BiSync;
import dev.bisync.core.report.SyncHealth;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Meters after known traffic, the sync's health through an outage of the target database and a connector that
 * stops or goes missing, and alerts that fire and clear.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {

    private static final String LANE = "mariadb-to-postgres";
    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static final AlertLog ALERTS = new AlertLog();
    private static BiSync sync;

    @BeforeAll
    static void start(EmbeddedStack embedded) throws Exception {
        stack = embedded;
        maria = stack.mariadb();
        pg = stack.postgres();
        execute(maria, "CREATE TABLE hl_items (id int PRIMARY KEY, name varchar(40) NOT NULL)");
        execute(pg, "CREATE TABLE hl_items (id int PRIMARY KEY, name varchar(40) NOT NULL)",
                "ALTER TABLE hl_items REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "health", 5613, List.of("hl_items"), b -> b
                .connect(stack.connectWorker().url(), Map.of("mariadb", "health-maria", "postgres", "health-pg"))
                .alertRules(AlertRules.builder().lag(10, 0, Duration.ofSeconds(2)).errorsPerMinute(0)
                        .dlqGrowth(0, Duration.ofMinutes(1)).build())
                .listener(ALERTS));
        sync = fixture.start(REGISTRY);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static void insert(int from, int count) throws Exception {
        try (Connection c = maria.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO hl_items VALUES (?, ?)")) {
            for (int id = from; id < from + count; id++) {
                ps.setInt(1, id);
                ps.setString(2, "item " + id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void awaitHealth(Health status) throws Exception {
        Rows.await("sync health " + status, TIMEOUT, () -> status == sync.health().status(),
                () -> sync.health().toString());
    }

    @Test
    @Order(1)
    void metersCountKnownTraffic() throws Exception {
        awaitHealth(Health.UP);
        insert(1, 50);
        awaitEqual(maria, pg, "SELECT id, name FROM hl_items ORDER BY id", TIMEOUT);
        Rows.await("50 applied counted", TIMEOUT, () -> applied() == 50, () -> REGISTRY.getMetersAsString());
        Timer latency = REGISTRY.find("bisync.latency").tag("lane", LANE).timer();
        assertEquals(50, latency.count());
        assertTrue(latency.takeSnapshot().percentileValues().length == 3, "p50, p95, p99 published");
        DistributionSummary batches = REGISTRY.find("bisync.batch.size").tag("lane", LANE).summary();
        // every consumed record is in one batch: the 50 changes and the records around them (the connector's
        // transaction markers, tombstones)
        double consumed = REGISTRY.find("bisync.consumed").tag("lane", LANE).counter().count();
        assertEquals(consumed, batches.totalAmount(), 0.0);
        assertTrue(consumed >= 50, "consumed " + consumed);
        Rows.await("lag back to 0", TIMEOUT, () -> REGISTRY.find("bisync.lag.records").tag("lane", LANE).gauge()
                .value() == 0, () -> REGISTRY.getMetersAsString());
        assertEquals(0, REGISTRY.find("bisync.lag.seconds").tag("lane", LANE).gauge().value(), 0.0);
        assertEquals(50, sync.status().stream().filter(s -> s.lane().equals(LANE)).findFirst().orElseThrow()
                .applied());
    }

    private static double applied() {
        Counter c = REGISTRY.find("bisync.events").tag("lane", LANE).tag("outcome", "applied").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    @Order(2)
    void targetOutageDegradesRaisesALagAlertAndRecovers() throws Exception {
        stack.postgresServer().stop();
        try {
            insert(100, 30);
            // the lane retries: DEGRADED (PostgreSQL's own connector may fail too, which makes the sync DOWN)
            Rows.await("lane " + LANE + " DEGRADED", TIMEOUT, () -> sync.health().lanes().stream()
                    .anyMatch(l -> l.lane().equals(LANE) && l.status() == Health.DEGRADED), () -> sync.health()
                    .toString());
            SyncHealth degraded = sync.health();
            assertTrue(degraded.status() != Health.UP && degraded.reason().contains("lane " + LANE + " DEGRADED"),
                    degraded.toString());
            Rows.await("lag alert raised", TIMEOUT, () -> ALERTS.contains("raised LAG_RECORDS " + LANE),
                    ALERTS::toString);
            assertTrue(sync.health().alerts().stream().anyMatch(a -> a.rule() == Alert.Rule.LAG_RECORDS));
            // a lane far behind is DEGRADED for it, whatever else it is doing: the lag is in the lane's reasons
            Rows.await("lag among the lane's reasons", TIMEOUT, () -> sync.health().lanes().stream()
                    .anyMatch(l -> l.lane().equals(LANE) && l.status() == Health.DEGRADED
                            && l.reason().contains("records behind")), () -> sync.health().toString());
        } finally {
            stack.postgresServer().start();
        }
        awaitEqual(maria, pg, "SELECT id, name FROM hl_items ORDER BY id", Duration.ofSeconds(90));
        Rows.await("sync health UP", Duration.ofSeconds(90), () -> sync.health().status() == Health.UP,
                () -> sync.health().toString());
        Rows.await("lag alert cleared", TIMEOUT, () -> ALERTS.contains("cleared LAG_RECORDS " + LANE),
                ALERTS::toString);
        assertEquals(80, applied());
    }

    @Test
    @Order(3)
    void aPausedConnectorDegradesAMissingOneIsDownAndAlerts() throws Exception {
        fixture.connect.pause("health-pg");
        try {
            awaitHealth(Health.DEGRADED);
            assertTrue(sync.health().reason().contains("connector health-pg PAUSED"), sync.health().reason());
        } finally {
            fixture.connect.resume("health-pg");
        }
        awaitHealth(Health.UP);
        Map<String, String> config = fixture.connect.config("health-pg");
        fixture.connect.delete("health-pg");
        try {
            awaitHealth(Health.DOWN);
            assertTrue(sync.health().reason().contains("connector health-pg MISSING"), sync.health().reason());
            Rows.await("connector alert raised", TIMEOUT, () -> ALERTS.contains("raised CONNECTOR_FAILED health-pg"),
                    ALERTS::toString);
        } finally {
            fixture.connect.put("health-pg", config);
        }
        awaitHealth(Health.UP);
        Rows.await("connector alert cleared", TIMEOUT, () -> ALERTS.contains("cleared CONNECTOR_FAILED health-pg"),
                ALERTS::toString);
        // the connector came back from its slot: a change made now still crosses
        stack.awaitStreaming("healthpg", TIMEOUT);
        execute(pg, "INSERT INTO hl_items VALUES (500, 'after the connector came back')");
        awaitEqual(maria, pg, "SELECT id, name FROM hl_items ORDER BY id", TIMEOUT);
    }

    @Test
    @Order(4)
    void aConnectorUnfitForBidirectionalSyncRefusesTheStart() throws Exception {
        // the same connectors, but a sync that would also want hl_missing: their table.include.list does not cover it
        var c = fixture.config;
        var config = dev.bisync.api.config.SyncConfig.builder().name("healthbad")
                .kafkaBootstrapServers(c.kafkaBootstrapServers())
                .sideA(new dev.bisync.api.config.SideConfig(c.sideA().name(), c.sideA().database(), c.sideA().namespace(),
                        c.sideA().topicPrefix(), List.of("hl_items", "hl_missing")))
                .sideB(new dev.bisync.api.config.SideConfig(c.sideB().name(), c.sideB().database(), c.sideB().namespace(),
                        c.sideB().topicPrefix(), List.of("hl_items", "hl_missing")))
                .connect(stack.connectWorker().url(), Map.of("mariadb", "health-maria", "postgres", "health-pg"))
                .build();
        dev.bisync.api.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.bisync.api.config.ConfigException.class, () -> BiSync.builder(config).start());
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("postgres: connector health-pg is not fit for bidirectional sync: table.include.list")
                && all.contains("mariadb: connector health-maria is not fit"), all);
    }
}

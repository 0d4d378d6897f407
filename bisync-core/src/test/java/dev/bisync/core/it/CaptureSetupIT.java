package dev.bisync.core.it;

import dev.bisync.api.BisyncException;
import dev.bisync.api.config.ConfigException;
import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.CaptureSettings;
import dev.bisync.core.CaptureSetup;
import dev.bisync.core.connect.ConnectRestClient;
import dev.bisync.core.report.ConnectorStatus;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated connector configurations run on the real connectors; a user's config is checked precisely. */
@ExtendWith(EmbeddedStackExtension.class)
class CaptureSetupIT {

    private static SyncConfig config(EmbeddedStack stack) {
        return SyncConfig.builder().name("setup").kafkaBootstrapServers(stack.kafkaBootstrapServers())
                .sideA(new SideConfig("mariadb", SyncFixture.database(stack.mariadbServer().bisyncUser()), "app",
                        "setupmaria", List.of("setup_t")))
                .sideB(new SideConfig("postgres", SyncFixture.database(stack.postgresServer().bisyncUser()), "public",
                        "setuppg", List.of("setup_t")))
                .build();
    }

    @Test
    @Tag("versions") // also run against PostgreSQL 15: see this module's pom
    void generatedConfigurationsRunAndPassTheirOwnCheck(EmbeddedStack stack) throws Exception {
        SyncFixture.execute(stack.mariadb(), "CREATE TABLE setup_t (id int PRIMARY KEY)");
        SyncFixture.execute(stack.postgres(), "CREATE TABLE setup_t (id int PRIMARY KEY)");
        CaptureSetup setup = new CaptureSetup(config(stack));
        DatabaseEndpoint pg = stack.postgres();
        CaptureSettings settings = new CaptureSettings("setup-pg", pg.host(), pg.port(), pg.database(), pg.user(),
                pg.password(), 0, "no_data");
        Map<String, String> generated = setup.connectorConfig("postgres", settings);
        boolean originFilter = stack.postgresServer().versionNumber() >= 160_000;
        assertEquals(originFilter ? "origin=none" : null, generated.get("slot.stream.params"), "bisync's writes are "
                + "dropped at capture from PostgreSQL 16 on; 15's pgoutput has no origin option");
        if (!originFilter) {
            Map<String, String> forSixteen = new HashMap<>(generated);
            forSixteen.put("slot.stream.params", "origin=none");
            assertEquals(List.of("slot.stream.params is 'origin=none': remove its origin option (PostgreSQL 15's "
                    + "pgoutput refuses it, so the connector cannot stream; bisync recognises its own writes by "
                    + "source.origin)"), setup.check("postgres", settings, forSixteen));
        }
        assertEquals("true", generated.get("provide.transaction.metadata"));
        ConnectRestClient connect = new ConnectRestClient(stack.connectWorker().url());
        connect.put("setup-pg", generated);
        try {
            ConnectorStatus status = connect.awaitRunning("setup-pg", Duration.ofSeconds(60));
            assertTrue(status.running(), status.toString());
            assertEquals(List.of(), setup.check("postgres", settings, connect.config("setup-pg")));
        } finally {
            connect.delete("setup-pg");
        }
        Rows.await("connector gone", Duration.ofSeconds(30),
                () -> "MISSING".equals(connect.status("setup-pg").connectorState()),
                () -> connect.status("setup-pg").toString());
    }

    @Test
    void checkNamesEachSettingThatBreaksBidirectionalUse(EmbeddedStack stack) {
        CaptureSetup setup = new CaptureSetup(config(stack));
        DatabaseEndpoint maria = stack.mariadb();
        CaptureSettings settings = new CaptureSettings("setup-maria", maria.host(), maria.port(), maria.database(),
                maria.user(), maria.password(), 5610, "no_data");
        Map<String, String> userConfig = new HashMap<>(setup.connectorConfig("mariadb", settings));
        userConfig.remove("gtid.source.excludes");
        userConfig.put("decimal.handling.mode", "double");
        userConfig.put("converters", "mine, bisync_zero_date");
        List<String> problems = setup.check("mariadb", settings, userConfig);
        assertEquals(2, problems.size(), "converters of the user's own beside bisync's are fine: " + problems);
        userConfig.put("converters", "mine");
        assertTrue(setup.check("mariadb", settings, userConfig).contains("converters is 'mine': it must also name "
                + "bisync's 'bisync_zero_date'"), setup.check("mariadb", settings, userConfig).toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("gtid.source.excludes is not set")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("decimal.handling.mode is 'double'")), problems.toString());
        assertFalse(problems.toString().contains(maria.password()), "no secret in the messages");
    }

    @Test
    void dialectIsChosenByPriorityAndAMissingOneIsNamed(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        try (Connection c = maria.connect()) {
            String name = new DialectResolver().resolve(maria.jdbcUrl(), c).name();
            assertTrue(name.startsWith("MariaDB"), "MariaDB's provider wins over MySQL's for a MariaDB server: " + name);
            BisyncException e = assertThrows(BisyncException.class,
                    () -> new DialectResolver(List.of()).resolve(maria.jdbcUrl(), c));
            assertTrue(e.getMessage().contains(maria.jdbcUrl()) && e.getMessage().contains("providers seen: none"),
                    e.getMessage());
        }
        DatabaseEndpoint pg = stack.postgres();
        try (Connection c = pg.connect()) {
            assertTrue(new DialectResolver().resolve(pg.jdbcUrl(), c).name().startsWith("PostgreSQL"));
        }
    }

    @Test
    void startRefusesTablesWhoseChangesLackFullBeforeImages(EmbeddedStack stack) throws Exception {
        SyncFixture.execute(stack.mariadb(), "CREATE TABLE setup_partial (id int PRIMARY KEY, v int)");
        SyncFixture.execute(stack.postgres(), "CREATE TABLE setup_partial (id int PRIMARY KEY, v int)");
        SyncConfig config = SyncConfig.builder().name("partial").kafkaBootstrapServers(stack.kafkaBootstrapServers())
                .sideA(new SideConfig("mariadb", SyncFixture.database(stack.mariadbServer().bisyncUser()), "app",
                        "partialmaria", List.of("setup_partial")))
                .sideB(new SideConfig("postgres", SyncFixture.database(stack.postgresServer().bisyncUser()), "public",
                        "partialpg", List.of("setup_partial")))
                .build();
        ConfigException e = assertThrows(ConfigException.class, () -> dev.bisync.core.BiSync.builder(config).start());
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("postgres: table public.setup_partial")
                && e.problems().get(0).contains("REPLICA IDENTITY FULL"), e.getMessage());
        SyncFixture.execute(stack.postgres(), "ALTER TABLE setup_partial REPLICA IDENTITY FULL");
        try (dev.bisync.core.BiSync sync = dev.bisync.core.BiSync.builder(config).start()) {
            sync.awaitUp(Duration.ofSeconds(60));
        }
    }

    @Test
    void wrongPasswordFailsStartNamingTheSideWithoutThePassword(EmbeddedStack stack) {
        DatabaseEndpoint pg = stack.postgresServer().bisyncUser();
        SyncConfig bad = SyncConfig.builder().name("badpw").kafkaBootstrapServers(stack.kafkaBootstrapServers())
                .sideA(new SideConfig("mariadb", SyncFixture.database(stack.mariadbServer().bisyncUser()), "app",
                        "badpwmaria", List.of("setup_t")))
                .sideB(new SideConfig("postgres", DatabaseConfig.of(pg.jdbcUrl(), pg.user(), "wrong-Secret-42"),
                        "public", "badpwpg", List.of("setup_t")))
                .build();
        BisyncException e = assertThrows(BisyncException.class, () -> dev.bisync.core.BiSync.builder(bad).start());
        assertTrue(e.getMessage().contains("side 'postgres'"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-Secret-42"), e.getMessage());
    }
}

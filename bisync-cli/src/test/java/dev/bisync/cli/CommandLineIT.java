package dev.bisync.cli;

import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.it.Rows;
import dev.bisync.core.it.SyncFixture;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.bisync.cli.BisyncCli.FAILED;
import static dev.bisync.cli.BisyncCliTest.cli;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each command of {@code bisync} end to end, on the embedded stack, from a configuration file: what it prints and
 * its exit code. What the commands do is asserted in bisync-core's ITs, through the façade (ConflictIT,
 * InitialSyncIT, DirtyDataIT, InitDeadLetterIT).
 */
@ExtendWith(EmbeddedStackExtension.class)
class CommandLineIT {

    private static final String LANE = "mariadb-to-postgres";

    @TempDir
    Path dir;

    @Test
    void conflictsAreListedShownReplayedAndResolved(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria, "CREATE TABLE cli_manual (id int PRIMARY KEY, name varchar(40) NOT NULL)");
        execute(pg, "CREATE TABLE cli_manual (id int PRIMARY KEY, name varchar(40) NOT NULL)",
                "ALTER TABLE cli_manual REPLICA IDENTITY FULL");
        String select = "SELECT id, name FROM cli_manual";
        try (SyncFixture fixture = new SyncFixture(stack, "cli", 5631, List.of("cli_manual"),
                b -> b.conflictStrategy("cli_manual", ConflictStrategy.manual()))) {
            fixture.start();
            execute(maria, "INSERT INTO cli_manual VALUES (1, 'seed')");
            Rows.awaitEqual(maria, pg, select, TIMEOUT);
            fixture.stopSync();
            execute(maria, "UPDATE cli_manual SET name = 'maria' WHERE id = 1");
            execute(pg, "UPDATE cli_manual SET name = 'pg' WHERE id = 1");
            fixture.start();
            Rows.await("both changes parked", TIMEOUT, () -> parked(maria) + parked(pg) == 2,
                    () -> "parked on MariaDB " + parked(maria) + ", on PostgreSQL " + parked(pg));
            Path config = Files.writeString(dir.resolve("bisync.properties"),
                    SyncFixture.configFile(fixture.config, "conflict.strategy.cli_manual=manual"));
            String id = "postgres:" + Rows.read(pg, "SELECT id FROM bisync_conflicts WHERE status = 'parked'")
                    .get(0).get(0);

            String list = cli(0, "--config", config.toString(), "conflicts", "list");
            assertTrue(list.contains("ID") && list.contains(id + " ") && list.contains("2 conflict(s)"), list);
            String show = cli(0, "--config", config.toString(), "conflicts", "show", id);
            assertTrue(show.contains("conflict   " + id + "  (parked)") && show.contains("incoming")
                    && show.contains("name=maria") && show.contains("name=pg"), show);
            String replay = cli(0, "--config", config.toString(), "conflicts", "replay", id);
            assertTrue(replay.contains("the strategy parks " + id + " again: nothing changed"), replay);
            String resolved = cli(0, "--config", config.toString(), "conflicts", "resolve", id, "--take", "source");
            assertTrue(resolved.contains("resolved " + id + " (take-source): both sides now hold the same row"),
                    resolved);
            Rows.awaitEqual(maria, pg, select, TIMEOUT);
            assertEquals(List.of(List.of("1", "maria")), Rows.read(pg, select));

            String again = cli(FAILED, "--config", config.toString(), "conflicts", "resolve", id, "--take", "target");
            assertTrue(again.startsWith("bisync: conflict " + id + " is resolved, not parked"), again);
            String none = cli(0, "--config", config.toString(), "conflicts", "list");
            assertTrue(none.contains("no parked conflicts"), none);
            String all = cli(0, "--config", config.toString(), "conflicts", "list", "--all");
            assertTrue(all.contains("2 conflict(s)") && all.contains("resolved"), all);
        }
    }

    @Test
    void initPrintsProgressAndExitsWithOneWhenATableDiffers(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        for (String t : List.of("cli_c1", "cli_c2")) {
            execute(maria, "CREATE TABLE " + t + " (id int PRIMARY KEY, name varchar(20) NOT NULL)");
            execute(pg, "CREATE TABLE " + t + " (id int PRIMARY KEY, name varchar(20) NOT NULL)");
        }
        execute(maria, "INSERT INTO cli_c1 SELECT seq, CONCAT('r', seq) FROM seq_1_to_300",
                "INSERT INTO cli_c2 SELECT seq, CONCAT('r', seq) FROM seq_1_to_40");
        Path file = configFile(stack, "cliinit", List.of("cli_c1", "cli_c2"));

        String copied = cli(0, "--config", file.toString(), "init", "--from", "mariadb", "--parallel", "2");
        assertTrue(copied.contains("init done: tables 2/2, 340 rows"), copied);
        assertTrue(copied.contains("2 of 2 tables copied, 340 rows in "), copied);
        assertTrue(copied.contains("2 table(s) compared, 0 differ"), copied);

        execute(pg, "DELETE FROM cli_c2 WHERE id = 40");
        String again = cli(FAILED, "--config", file.toString(), "init", "--from", "mariadb");
        assertTrue(again.contains("0 of 2 tables copied"), "both were done: " + again);
        assertTrue(again.contains("differs: mariadb-to-postgres cli_c2: 40 rows"), again);
        assertTrue(again.contains("1 differ"), again);
    }

    @Test
    void initExitsWithTwoForRefusedRowsAndDlqReplayCopiesThemOnceFixed(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria, "CREATE TABLE cli_dlq (id int PRIMARY KEY, t varchar(20) NOT NULL)",
                "INSERT INTO cli_dlq SELECT seq, CONCAT('r', seq) FROM seq_1_to_20",
                "UPDATE cli_dlq SET t = 'much too long' WHERE id IN (7, 12)");
        execute(pg, "CREATE TABLE cli_dlq (id int PRIMARY KEY, t varchar(5) NOT NULL)");
        Path file = configFile(stack, "clidlq", List.of("cli_dlq"));

        String refused = cli(InitCommand.COPIED_WITH_REJECTED_ROWS, "--config", file.toString(), "init", "--from",
                "mariadb");
        assertTrue(refused.contains("rejected: mariadb-to-postgres cli_dlq key (7): cannot write 'much too long'")
                && refused.contains("rejected: mariadb-to-postgres cli_dlq key (12): "), refused);
        assertTrue(refused.contains("the rows mariadb-to-postgres rejected are dead letters of that lane: fix the "
                + "cause, then bisync dlq replay mariadb-to-postgres"), refused);
        assertTrue(refused.contains(", 2 rejected; 1 table(s) compared, 1 differ"), refused);

        String unfixed = cli(FAILED, "--config", file.toString(), "dlq", "replay", LANE);
        assertEquals(2, unfixed.split("  still failing: dead letter ", -1).length - 1, unfixed);

        execute(pg, "ALTER TABLE cli_dlq ALTER COLUMN t TYPE varchar(20)");
        String replayed = cli(0, "--config", file.toString(), "dlq", "replay", LANE, "--table", "cli_dlq");
        assertTrue(replayed.contains(LANE + ": selected 2 = already replayed 0 + consumed 2 = applied 2"), replayed);
        String sql = "SELECT id, t FROM cli_dlq ORDER BY id";
        assertEquals(Rows.read(maria, sql), Rows.read(pg, sql));
        String again = cli(0, "--config", file.toString(), "dlq", "replay", LANE, "--from", "0");
        assertTrue(again.contains("selected 2 = already replayed 2 + consumed 0"), again);

        String done = cli(0, "--config", file.toString(), "init", "--from", "mariadb");
        assertTrue(done.contains("0 of 1 tables copied") && done.contains(", 0 rejected; 1 table(s) compared, "
                + "0 differ"), done);
    }

    @Test
    void verifyExitsWithOneOnDriftAndRepairMakesBothSidesEqual(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        for (DatabaseEndpoint side : List.of(maria, pg)) {
            execute(side, "CREATE TABLE cli_vf (id int PRIMARY KEY, name varchar(20) NOT NULL)",
                    "CREATE TABLE cli_vf_key (code varchar(10) NOT NULL, n int NOT NULL, v int NOT NULL, "
                            + "PRIMARY KEY (code, n))");
        }
        execute(maria, "INSERT INTO cli_vf SELECT seq, CONCAT('r', seq) FROM seq_1_to_120",
                "INSERT INTO cli_vf_key SELECT CONCAT('c', seq MOD 7), seq, 0 FROM seq_1_to_60");
        execute(pg, "INSERT INTO cli_vf SELECT g, 'r' || g FROM generate_series(1, 120) g",
                "INSERT INTO cli_vf_key SELECT 'c' || (g % 7), g, 0 FROM generate_series(1, 60) g",
                "UPDATE cli_vf SET name = 'changed' WHERE id = 17", "DELETE FROM cli_vf WHERE id = 90",
                "INSERT INTO cli_vf_key VALUES ('zz', 1, 5)");
        Path file = configFile(stack, "cliverify", List.of("cli_vf", "cli_vf_key"));

        String drift = cli(FAILED, "--config", file.toString(), "verify", "--chunk-rows", "25");
        assertTrue(drift.contains("drift: cli_vf key {id=17}: mariadb {id=17, name=r17}, postgres {id=17, "
                + "name=changed}"), drift);
        assertTrue(drift.contains("drift: cli_vf key {id=90}: mariadb {id=90, name=r90}, postgres (no row)"), drift);
        assertTrue(drift.contains("drift: cli_vf_key key {code=zz, n=1}: mariadb (no row), postgres "), drift);
        assertTrue(drift.contains("table cli_vf: 120 and 119 rows, 5 chunk(s), "), drift);
        assertTrue(drift.contains("2 table(s) compared, 360 rows read in ") && drift.contains(": 3 row(s) drifted, "
                + "0 unsettled"), drift);
        String one = cli(FAILED, "--config", file.toString(), "verify", "--table", "cli_vf_key");
        assertTrue(one.contains("1 table(s) compared") && one.contains("1 row(s) drifted"), one);

        String dry = cli(0, "--config", file.toString(), "repair", "--take", "mariadb", "--dry-run");
        assertTrue(dry.contains("would cli_vf key {id=17}: write to postgres {id=17, name=r17} (repair: "
                + "take-mariadb)") && dry.contains("would cli_vf_key key {code=zz, n=1}: delete on postgres"), dry);
        assertTrue(dry.contains("dry run: would write 3 row(s)"), dry);
        assertEquals(List.of(List.of("changed")), Rows.read(pg, "SELECT name FROM cli_vf WHERE id = 17"));

        String repaired = cli(0, "--config", file.toString(), "repair", "--take", "mariadb");
        assertTrue(repaired.contains("repaired 3 row(s)"), repaired);
        String clean = cli(0, "--config", file.toString(), "verify");
        assertTrue(clean.contains(": 0 row(s) drifted, 0 unsettled"), clean);
        assertEquals(Rows.read(maria, "SELECT id, name FROM cli_vf ORDER BY id"),
                Rows.read(pg, "SELECT id, name FROM cli_vf ORDER BY id"));
        assertEquals(List.of(List.of("3")), Rows.read(pg, "SELECT count(*) FROM bisync_conflicts WHERE lane = "
                + "'repair' AND resolution = 'repair: take-mariadb'"));

        // --take postgres writes PostgreSQL's row to MariaDB; --take rule asks the table's strategy (the default's
        // side priority: mariadb, side A, wins)
        execute(pg, "UPDATE cli_vf SET name = 'pg wins' WHERE id = 18");
        String pgWins = cli(0, "--config", file.toString(), "repair", "--take", "postgres", "--table", "cli_vf");
        assertTrue(pgWins.contains("repaired: cli_vf key {id=18}: write to mariadb {id=18, name=pg wins} (repair: "
                + "take-postgres)"), pgWins);
        assertEquals(List.of(List.of("pg wins")), Rows.read(maria, "SELECT name FROM cli_vf WHERE id = 18"));
        assertEquals(List.of(List.of("1")), Rows.read(maria, "SELECT count(*) FROM bisync_conflicts WHERE lane = "
                + "'repair' AND source_side = 'postgres' AND target_image LIKE '%r18%'"));
        execute(pg, "UPDATE cli_vf SET name = 'pg again' WHERE id = 19");
        String rule = cli(0, "--config", file.toString(), "repair", "--take", "rule");
        assertTrue(rule.contains("repaired: cli_vf key {id=19}: write to postgres {id=19, name=r19} (repair: rule "
                + "apply by "), rule);
        cli(0, "--config", file.toString(), "verify");
        cli(64, "--config", file.toString(), "repair");
        String badSide = cli(64, "--config", file.toString(), "repair", "--take", "oracle");
        assertTrue(badSide.contains("--take oracle: give mariadb, postgres or rule"), badSide);
    }

    private static long parked(DatabaseEndpoint side) throws Exception {
        return Long.parseLong(Rows.read(side, "SELECT count(*) FROM bisync_conflicts WHERE status = 'parked'")
                .get(0).get(0));
    }

    /** A configuration file for MariaDB (side A) and PostgreSQL (side B) over the tables; no connectors. */
    private Path configFile(EmbeddedStack stack, String name, List<String> tables) throws Exception {
        SyncConfig config = SyncConfig.builder().name(name).kafkaBootstrapServers(stack.kafkaBootstrapServers())
                .sideA(new SideConfig("mariadb", SyncFixture.database(stack.mariadbServer().bisyncUser()),
                        EmbeddedStack.DATABASE, name + "maria", tables))
                .sideB(new SideConfig("postgres", SyncFixture.database(stack.postgresServer().bisyncUser()),
                        "public", name + "pg", tables))
                .build();
        return Files.writeString(dir.resolve(name + ".properties"), SyncFixture.configFile(config));
    }
}

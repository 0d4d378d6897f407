package dev.bisync.core.it;

import dev.bisync.core.ConflictAdmin;
import dev.bisync.core.SyncConfigFile;
import dev.bisync.core.report.ConflictRecord;
import dev.bisync.spi.ConflictDetection;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conflicts with both lanes running: the same row changed on both sides inside one window (the sync stopped while
 * both databases change it, so that each lane meets the other side's change), for each built-in strategy and
 * detection; both sides must end identical and equal to the strategy's rule, and every conflict must be recorded.
 * Side A (MariaDB) has priority.
 */
@Tag("versions") // also run against other database versions: see this module's pom
@ExtendWith(EmbeddedStackExtension.class)
class ConflictIT {

    private static final List<String> TABLES = List.of("cf_lww", "cf_prio", "cf_merge", "cf_rank", "cf_manual",
            "cf_cols", "cf_ver");
    private static SyncFixture fixture;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;
    private static EmbeddedStack stack;
    private SimpleMeterRegistry registry;

    @BeforeAll
    static void start(EmbeddedStack embedded) throws Exception {
        stack = embedded;
        maria = stack.mariadb();
        pg = stack.postgres();
        for (String t : TABLES) {
            execute(maria, "CREATE TABLE " + t + " (id int PRIMARY KEY, name varchar(40) NOT NULL, qty int NOT NULL, "
                    + "status varchar(20) NOT NULL DEFAULT 'pending', version int NOT NULL DEFAULT 1, "
                    + "updated_at datetime(6) NOT NULL)");
            execute(pg, "CREATE TABLE " + t + " (id int PRIMARY KEY, name varchar(40) NOT NULL, qty int NOT NULL, "
                    + "status varchar(20) NOT NULL DEFAULT 'pending', version int NOT NULL DEFAULT 1, "
                    + "updated_at timestamp(6) NOT NULL)", "ALTER TABLE " + t + " REPLICA IDENTITY FULL");
        }
        fixture = new SyncFixture(stack, "conflict", 5611, TABLES, b -> b
                .conflictStrategy("cf_prio", ConflictStrategy.sidePriority())
                .conflictStrategy("cf_merge", ConflictStrategy.columnMerge("updated_at")
                        .orElse(ConflictStrategy.defaultStrategy()))
                .conflictStrategy("cf_rank", ConflictStrategy.ranked("status",
                        List.of("pending", "paid", "shipped", "delivered")).orElse(ConflictStrategy.defaultStrategy()))
                .conflictStrategy("cf_manual", ConflictStrategy.manual())
                .conflictDetection("cf_cols", ConflictDetection.byChangedColumns())
                .conflictDetection("cf_ver", ConflictDetection.byVersion("version"))
                .conflictStrategy("cf_ver", ConflictStrategy.lastWriteWins("version")
                        .orElse(ConflictStrategy.sidePriority())));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void startSync() throws Exception {
        registry = new SimpleMeterRegistry();
        fixture.start(registry);
    }

    @AfterEach
    void stopSync() {
        fixture.stopSync();
    }

    /** Inserts a row on side A, waits until it crossed, and stops the sync so that both sides can change it. */
    private void seed(String table, int id) throws Exception {
        execute(maria, "INSERT INTO " + table + " (id, name, qty, updated_at) VALUES (" + id + ", 'seed', 1, "
                + "'2026-01-01 00:00:00')");
        awaitEqual(maria, pg, select(table, id), TIMEOUT);
        fixture.stopSync();
    }

    private static String select(String table, int id) {
        return "SELECT id, name, qty, status, version, updated_at FROM " + table + " WHERE id = " + id;
    }

    /** Restarts the sync, waits until both sides agree on the row, and returns it. */
    private List<List<String>> converge(String table, int id) throws Exception {
        fixture.start(registry);
        awaitEqual(maria, pg, select(table, id), TIMEOUT);
        return Rows.read(pg, select(table, id));
    }

    private double conflicts(String table, String decision) {
        return registry.find("bisync.conflicts").tag("table", table).tag("decision", decision).counters().stream()
                .mapToDouble(Counter::count).sum(); // one counter per lane
    }

    /** Waits until one side recorded one conflict on row {@code id} with this decision (the other lane may lag). */
    private static void awaitRecorded(DatabaseEndpoint side, String table, int id, String decision) throws Exception {
        Rows.await("a " + decision + " conflict on " + table + " " + id + " recorded", TIMEOUT,
                () -> recorded(side, table, id, decision) == 1, () -> Rows.read(side, "SELECT id, target_table, "
                        + "row_key, decision FROM bisync_conflicts").toString());
    }

    /** Conflicts on row {@code id} of a table recorded in one side's {@code bisync_conflicts}, by decision. */
    private static long recorded(DatabaseEndpoint side, String table, int id, String decision) throws Exception {
        return Long.parseLong(Rows.read(side, "SELECT count(*) FROM bisync_conflicts WHERE target_table LIKE '%."
                + table + "' AND row_key = '{\"id\":" + id + "}' AND decision = '" + decision + "'").get(0).get(0));
    }

    @Test
    void lastWriteWinsTakesTheNewerRowOnBothSides() throws Exception {
        seed("cf_lww", 1);
        execute(maria, "UPDATE cf_lww SET name = 'maria', updated_at = '2026-01-01 00:00:02' WHERE id = 1");
        execute(pg, "UPDATE cf_lww SET name = 'pg', updated_at = '2026-01-01 00:00:03' WHERE id = 1");
        assertEquals("pg", converge("cf_lww", 1).get(0).get(1));
        // lane mariadb->postgres kept postgres's newer row, lane postgres->mariadb applied it
        Rows.await("both conflicts counted", TIMEOUT, () -> conflicts("cf_lww", "keep_target") == 1
                && conflicts("cf_lww", "apply") == 1, () -> registry.getMetersAsString());
        awaitRecorded(pg, "cf_lww", 1, "keep_target");
        awaitRecorded(maria, "cf_lww", 1, "apply");
    }

    @Test
    void equalTimestampsAreDecidedAlikeOnBothSidesByPriority() throws Exception {
        seed("cf_lww", 2);
        execute(maria, "UPDATE cf_lww SET name = 'maria', updated_at = '2026-01-01 00:00:05' WHERE id = 2");
        execute(pg, "UPDATE cf_lww SET name = 'pg', updated_at = '2026-01-01 00:00:05' WHERE id = 2");
        assertEquals("maria", converge("cf_lww", 2).get(0).get(1)); // side A has priority
    }

    @Test
    void updateAgainstDeleteEndsTheSameOnBothSidesTheDeleteWins() throws Exception {
        seed("cf_lww", 3);
        execute(maria, "UPDATE cf_lww SET name = 'newer', updated_at = '2026-01-01 00:00:09' WHERE id = 3");
        execute(pg, "DELETE FROM cf_lww WHERE id = 3");
        // whichever side has priority and whatever the update's time: the delete wins on both sides
        assertEquals(List.of(), converge("cf_lww", 3));
        awaitRecorded(pg, "cf_lww", 3, "keep_target"); // maria's update of a row postgres deleted: not applied
        awaitRecorded(maria, "cf_lww", 3, "apply"); // postgres's delete of a row maria changed: applied

        seed("cf_lww", 4);
        execute(maria, "DELETE FROM cf_lww WHERE id = 4");
        execute(pg, "UPDATE cf_lww SET name = 'newer', updated_at = '2026-01-01 00:00:09' WHERE id = 4");
        assertEquals(List.of(), converge("cf_lww", 4));
        awaitRecorded(maria, "cf_lww", 4, "keep_target");
        awaitRecorded(pg, "cf_lww", 4, "apply");
    }

    @Test
    void insertAgainstInsertOfTheSameKeyKeepsTheNewerRow() throws Exception {
        fixture.stopSync();
        execute(maria, "INSERT INTO cf_lww (id, name, qty, updated_at) VALUES (5, 'maria', 1, '2026-01-01 00:00:01')");
        execute(pg, "INSERT INTO cf_lww (id, name, qty, updated_at) VALUES (5, 'pg', 2, '2026-01-01 00:00:07')");
        List<List<String>> row = converge("cf_lww", 5);
        assertEquals(List.of("pg", "2"), row.get(0).subList(1, 3));
        awaitRecorded(pg, "cf_lww", 5, "keep_target");
        awaitRecorded(maria, "cf_lww", 5, "apply");
    }

    @Test
    void anInsertRacingTheLaneOnTheTargetIsNotOverwritten() throws Exception {
        // the lane cannot lock a row that does not exist yet: PostgreSQL's application inserts key 6 and commits
        // only after the lane found the key absent and began its own insert
        try (Connection app = pg.connect()) {
            app.setAutoCommit(false);
            try (Statement s = app.createStatement()) {
                s.execute("INSERT INTO cf_lww (id, name, qty, updated_at) VALUES (6, 'pg', 2, '2026-01-01 00:00:09')");
            }
            execute(maria, "INSERT INTO cf_lww (id, name, qty, updated_at) VALUES (6, 'maria', 1, "
                    + "'2026-01-01 00:00:01')");
            Thread.sleep(1500); // the lane's insert now waits for this transaction
            app.commit();
        }
        // had the lane overwritten PostgreSQL's row, MariaDB (which takes PostgreSQL's newer row) would differ
        awaitEqual(maria, pg, select("cf_lww", 6), TIMEOUT);
        assertEquals(List.of("pg", "2"), Rows.read(pg, select("cf_lww", 6)).get(0).subList(1, 3));
        awaitRecorded(pg, "cf_lww", 6, "keep_target");
    }

    @Test
    void sidePriorityAlwaysTakesSideA() throws Exception {
        seed("cf_prio", 1);
        execute(maria, "UPDATE cf_prio SET name = 'maria', updated_at = '2026-01-01 00:00:01' WHERE id = 1");
        execute(pg, "UPDATE cf_prio SET name = 'pg', updated_at = '2026-01-01 00:00:09' WHERE id = 1");
        assertEquals("maria", converge("cf_prio", 1).get(0).get(1));
    }

    @Test
    void columnMergeKeepsBothChanges() throws Exception {
        seed("cf_merge", 1);
        execute(maria, "UPDATE cf_merge SET name = 'renamed on maria', updated_at = '2026-01-01 00:00:03' WHERE id = 1");
        execute(pg, "UPDATE cf_merge SET qty = 42, updated_at = '2026-01-01 00:00:04' WHERE id = 1");
        List<List<String>> row = converge("cf_merge", 1);
        assertEquals(List.of("renamed on maria", "42"), row.get(0).subList(1, 3));
        assertEquals("2026-01-01T00:00:04", row.get(0).get(5)); // the greater updated_at
        awaitRecorded(pg, "cf_merge", 1, "merge");
        awaitRecorded(maria, "cf_merge", 1, "merge");
    }

    @Test
    void rankedStatusOnlyMovesForwardWhateverTheTimestamps() throws Exception {
        seed("cf_rank", 1);
        execute(maria, "UPDATE cf_rank SET status = 'shipped', updated_at = '2026-01-01 00:00:01' WHERE id = 1");
        execute(pg, "UPDATE cf_rank SET status = 'paid', updated_at = '2026-01-01 00:00:09' WHERE id = 1");
        assertEquals("shipped", converge("cf_rank", 1).get(0).get(3));
    }

    @Test
    void changedColumnsDetectionAppliesChangesToDifferentColumnsWithoutConflict() throws Exception {
        seed("cf_cols", 1);
        execute(maria, "UPDATE cf_cols SET name = 'maria' WHERE id = 1");
        execute(pg, "UPDATE cf_cols SET qty = 7 WHERE id = 1");
        List<List<String>> row = converge("cf_cols", 1);
        assertEquals(List.of("maria", "7"), row.get(0).subList(1, 3));
        assertEquals(0, recorded(pg, "cf_cols", 1, "apply") + recorded(pg, "cf_cols", 1, "keep_target")
                + recorded(maria, "cf_cols", 1, "apply") + recorded(maria, "cf_cols", 1, "keep_target"));
    }

    @Test
    void versionDetectionSeesAConcurrentWriteAndTheHigherVersionWins() throws Exception {
        seed("cf_ver", 1);
        execute(maria, "UPDATE cf_ver SET name = 'maria', version = version + 2 WHERE id = 1");
        execute(pg, "UPDATE cf_ver SET name = 'pg', version = version + 1 WHERE id = 1");
        List<List<String>> row = converge("cf_ver", 1);
        assertEquals(List.of("maria", "3"), List.of(row.get(0).get(1), row.get(0).get(4)));
        awaitRecorded(pg, "cf_ver", 1, "apply");
        awaitRecorded(maria, "cf_ver", 1, "keep_target");
    }

    @Test
    void manualConflictIsParkedThenResolvedByConflictAdmin(@TempDir Path dir) throws Exception {
        seed("cf_manual", 1);
        execute(maria, "UPDATE cf_manual SET name = 'maria', updated_at = '2026-01-01 00:00:02' WHERE id = 1");
        execute(pg, "UPDATE cf_manual SET name = 'pg', updated_at = '2026-01-01 00:00:03' WHERE id = 1");
        fixture.start(registry);
        Rows.await("both changes parked", TIMEOUT, () -> conflicts("cf_manual", "park") == 2,
                () -> registry.getMetersAsString());
        // parked: each side keeps its own row
        assertEquals("maria", Rows.read(maria, select("cf_manual", 1)).get(0).get(1));
        assertEquals("pg", Rows.read(pg, select("cf_manual", 1)).get(0).get(1));

        // as the command line reads it: the configuration file (bisync-cli's CommandLineIT runs the commands)
        Path config = dir.resolve("bisync.properties");
        Files.writeString(config, configFile());
        String onPg = Rows.read(pg, "SELECT id FROM bisync_conflicts WHERE status = 'parked'").get(0).get(0);
        String id = "postgres:" + onPg;
        try (ConflictAdmin admin = ConflictAdmin.open(SyncConfigFile.load(config))) {
            List<ConflictRecord> parked = admin.list(false);
            assertEquals(2, parked.size(), parked.toString());
            ConflictRecord shown = admin.show(id);
            assertEquals("maria", shown.incoming().values().get("name"), shown.toString());
            assertEquals("pg", shown.target().values().get("name"), shown.toString());

            ConflictRecord replayed = admin.replay(id);
            assertTrue(replayed.isParked() && replayed.id().equals(id), "the strategy parks it again: " + replayed);

            ConflictRecord resolved = admin.resolve(id, ConflictAdmin.Take.SOURCE);
            assertEquals(id, resolved.id());
            assertEquals("take-source", resolved.resolution());
            awaitEqual(maria, pg, select("cf_manual", 1), TIMEOUT);
            assertEquals("maria", Rows.read(pg, select("cf_manual", 1)).get(0).get(1));

            IllegalStateException again = assertThrows(IllegalStateException.class,
                    () -> admin.resolve(id, ConflictAdmin.Take.TARGET));
            assertTrue(again.getMessage().contains("is resolved, not parked"), again.getMessage());
            // the other lane's record of the same conflict was settled with it
            assertEquals(List.of(), admin.list(false));
        }
        assertEquals(List.of(List.of("resolved", "settled with " + id + " (take-source)")), Rows.read(maria,
                "SELECT status, resolution FROM bisync_conflicts WHERE target_table LIKE '%.cf_manual'"));
        Thread.sleep(1000); // nothing further crosses: the resolution is no new change to either lane
        awaitEqual(maria, pg, select("cf_manual", 1), TIMEOUT);
        assertEquals(0, conflicts("cf_manual", "apply") + conflicts("cf_manual", "keep_target"));
    }

    private static String configFile() {
        return SyncFixture.configFile(fixture.config, "conflict.strategy.cf_manual=manual");
    }
}

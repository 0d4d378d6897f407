package dev.bisync.core.it;

import dev.bisync.api.BisyncException;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.report.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.report.ResumedTable;
import dev.bisync.core.report.TableCheck;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.bisync.core.it.InitialSyncIT.counted;
import static dev.bisync.core.it.InitialSyncIT.sleep;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link InitialSync} resuming inside a table after a crash: only the chunks after the last committed one are
 * copied again, in a new snapshot; the lanes' hand-over tests each change against the snapshot of the key range its
 * key falls in, so that writes before, during and between the two runs are neither lost nor applied twice; a table
 * keyed by text (whose order Java cannot reproduce) starts over from its first row.
 */
@ExtendWith(EmbeddedStackExtension.class)
class InitialSyncResumeIT {

    private static SyncConfig config(EmbeddedStack stack, String name, List<String> tables) {
        return SyncConfig.builder().name(name).kafkaBootstrapServers(stack.kafkaBootstrapServers())
                .sideA(new SideConfig("mariadb", SyncFixture.database(stack.mariadbServer().bisyncUser()),
                        EmbeddedStack.DATABASE, name + "maria", tables))
                .sideB(new SideConfig("postgres", SyncFixture.database(stack.postgresServer().bisyncUser()), "public",
                        name + "pg", tables))
                .build();
    }

    @Test
    void aCrashInsideALargeTableResumesAfterItsLastCommittedChunk(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        InitTables.create(maria, pg, List.of("resume_big"));
        InitTables.fill(maria, "resume_big", 1, 20_001);
        SyncConfig config = config(stack, "resumebig", List.of("resume_big"));

        BisyncException crash = assertThrows(BisyncException.class, () -> InitialSync.builder(config)
                .from("mariadb").parallelism(1).chunkRows(1_000).afterChunk((table, chunk) -> {
                    if (chunk == 7) {
                        throw new IllegalStateException("injected crash after chunk 7");
                    }
                }).run());

        assertTrue(crash.getMessage().contains("injected crash"), crash.getMessage());
        assertEquals(List.of(List.of("COPYING", "7", "7000", "(7000)")), progress(pg, "resume_big",
                "status, chunks, copied_rows, last_key"));
        assertEquals(List.of(List.of("7000")), Rows.read(pg, "SELECT count(*) FROM resume_big"));
        // a row of the first 7 chunks changed on the target: copied again, it would be overwritten
        execute(pg, "UPDATE resume_big SET note = 'not copied again' WHERE id = 4321");
        List<String> lines = new ArrayList<>();

        InitReport resumed = InitialSync.builder(config).from("mariadb").parallelism(1).chunkRows(1_000)
                .progress(Duration.ofMillis(100), lines::add).run();

        assertEquals(13_000, resumed.rows(), "rows read by the second run: the 13 chunks after the crash");
        assertEquals(List.of(new ResumedTable("mariadb-to-postgres", "resume_big", 7_000, 2)), resumed.resumed());
        assertEquals(List.of(List.of("DONE", "20", "20000")), progress(pg, "resume_big",
                "status, chunks, copied_rows"));
        String segments = resume(pg, "resume_big", "segments").get(0).get(0);
        assertTrue(segments.startsWith("[{\"upTo\":[{\"column\":\"id\",\"type\":\"long\",\"value\":\"7000\"}],"
                + "\"mark\":\""), segments);
        assertEquals(List.of(List.of("not copied again")), Rows.read(pg, "SELECT note FROM resume_big WHERE id = 4321"));
        assertEquals(List.of("resume_big"), resumed.mismatches().stream().map(TableCheck::table).toList(),
                "only the row changed on the target differs");
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("init done: tables 1/1, 13,000 rows, .*, 1 table resumed after 7,000 rows"), last);

        String note = Rows.read(maria, "SELECT note FROM resume_big WHERE id = 4321").get(0).get(0);
        execute(pg, "UPDATE resume_big SET note = '" + note + "' WHERE id = 4321");
        List<TableCheck> checks = InitialSync.builder(config).from("mariadb").build().verify();
        assertTrue(checks.stream().allMatch(TableCheck::equal), checks.toString());
        assertEquals(20_000, checks.get(0).targetRows());
    }

    @Test
    void aTextKeyedTableCrashedMidCopyIsCopiedAgainFromItsFirstRow(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria, "CREATE TABLE resume_text (code varchar(20) PRIMARY KEY, qty int NOT NULL)",
                "INSERT INTO resume_text SELECT CONCAT('c', seq), seq FROM seq_1_to_3000");
        execute(pg, "CREATE TABLE resume_text (code varchar(20) PRIMARY KEY, qty int NOT NULL)");
        SyncConfig config = config(stack, "resumetext", List.of("resume_text"));

        assertThrows(BisyncException.class, () -> InitialSync.builder(config).from("mariadb").parallelism(1)
                .chunkRows(500).afterChunk((table, chunk) -> {
                    if (chunk == 3) {
                        throw new IllegalStateException("injected crash after chunk 3");
                    }
                }).run());
        assertEquals(List.of(List.of("COPYING", "3", "1500")), progress(pg, "resume_text",
                "status, chunks, copied_rows"));
        assertEquals(List.of(List.of("NULL")), resume(pg, "resume_text", "resume_key"),
                "a text key is not kept typed");

        InitReport again = InitialSync.builder(config).from("mariadb").parallelism(1).chunkRows(500).run();

        assertEquals(3_000, again.rows(), "every row read again");
        assertEquals(List.of(), again.resumed());
        assertEquals(List.of(List.of("DONE", "6", "3000")), progress(pg, "resume_text",
                "status, chunks, copied_rows"));
        assertEquals(List.of(List.of("NULL")), resume(pg, "resume_text", "segments"), "one snapshot, no segments");
        assertEquals(List.of(), again.mismatches());
        assertEquals(3_000, again.checks().get(0).targetRows());
    }

    @Test
    void writesBeforeDuringAndBetweenTwoRunsAreHandedOverByTheSnapshotOfTheirKeysSegment(EmbeddedStack stack)
            throws Exception {
        List<String> tables = List.of("resume_h1", "resume_h2");
        InitTables.create(stack.mariadb(), stack.postgres(), tables);
        for (String t : tables) {
            InitTables.fill(stack.mariadb(), t, 1, 6_001);
        }
        handOverAcrossSegments(stack, "resumeh", 5670, tables, stack.mariadb(), "mariadb", "mariadb-to-postgres");
    }

    @Test
    void fromPostgresWritesAroundAResumeAreHandedOverByTransactionVisibilityPerSegment(EmbeddedStack stack)
            throws Exception {
        List<String> tables = List.of("resume_p1", "resume_p2");
        InitTables.create(stack.mariadb(), stack.postgres(), tables);
        for (String t : tables) {
            execute(stack.postgres(), "INSERT INTO " + t + " (id, qty, price, name, born, note) SELECT g, g % 1000, "
                    + "g / 8.0, 'n' || g, DATE '2000-01-01' + g % 9000, 'note ' || g FROM generate_series(1, 6000) g");
        }
        handOverAcrossSegments(stack, "resumep", 5671, tables, stack.postgres(), "postgres", "postgres-to-mariadb");
    }

    /**
     * Writes on {@code source} (inserts, updates to new values, deletes, key changes) throughout a copy of which the
     * first run crashes in the middle of the first table, the pause after it, and the second run, which resumes the
     * table in a second snapshot; then starts the lanes: per table, changes skipped as already copied + changes
     * applied = changes made, none applied twice (skipped as equal) or taken for a conflict, and both sides equal. A
     * filter testing every change of the first table against one snapshot would lose the changes made between the
     * runs to keys of the first segment (with the second snapshot) or apply twice those to keys of the second (with
     * the first).
     */
    private static void handOverAcrossSegments(EmbeddedStack stack, String name, int serverId, List<String> tables,
            DatabaseEndpoint source, String sourceSide, String lane) throws Exception {
        String crashed = tables.get(0);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SyncFixture fixture = new SyncFixture(stack, name, serverId, tables, b -> { })) {
            AtomicBoolean writing = new AtomicBoolean(true);
            Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
            tables.forEach(t -> changes.put(t, new AtomicLong()));
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> write(source, tables, 6_000, writing, changes, writeFailure),
                    "resume-writer");
            writer.start();
            Thread.sleep(300);

            assertThrows(BisyncException.class, () -> InitialSync.builder(fixture.config).from(sourceSide)
                    .parallelism(2).chunkRows(250).verify(false).afterChunk((table, chunk) -> {
                        sleep(15);
                        if (table.equals(crashed) && chunk == 10) {
                            throw new IllegalStateException("injected crash in " + table + " after chunk 10");
                        }
                    }).run());
            Thread.sleep(1_000);                          // writes between the runs, on keys of both segments
            InitReport report = InitialSync.builder(fixture.config).from(sourceSide).parallelism(2).chunkRows(250)
                    .verify(false).afterChunk((table, chunk) -> sleep(15)).run();
            Thread.sleep(300);
            writing.set(false);
            writer.join();

            assertNull(writeFailure.get());
            assertEquals(List.of(new ResumedTable(lane, crashed, 2_500, 2)), report.resumed());
            assertEquals(1, report.tablesCopied(), "the other table was done in the first run");
            String segments = Rows.read(sourceSide.equals("mariadb") ? stack.postgres() : stack.mariadb(),
                    "SELECT segments FROM bisync_init_resume WHERE run = '" + lane + "' AND source_table = '"
                            + crashed + "'").get(0).get(0);
            assertEquals(1, segments.split("\"upTo\"").length - 1, "one closed segment: " + segments);
            fixture.start(registry);
            InitialSync check = InitialSync.builder(fixture.config).from(sourceSide).build();
            long total = changes.values().stream().mapToLong(AtomicLong::get).sum();
            Rows.await("the lane consumed the " + total + " changes", SyncFixture.TIMEOUT,
                    () -> counted(registry, lane, tables, null) == total,
                    () -> "counted " + counted(registry, lane, tables, null));
            Rows.await("both sides equal", SyncFixture.TIMEOUT,
                    () -> check.verify().stream().allMatch(TableCheck::equal), () -> check.verify().toString());
            for (String t : tables) {
                long copied = counted(registry, lane, List.of(t), "already-copied");
                long applied = counted(registry, lane, List.of(t), "applied");
                assertTrue(copied > 0 && applied > 0, t + ": changes held by the copy " + copied
                        + " and applied after it " + applied + " (both must occur: writes straddled the copy)");
                assertEquals(changes.get(t).get(), copied + applied, t + ": every change skipped or applied once");
                assertEquals(0, counted(registry, lane, List.of(t), "skipped-equal"), t + ": a change applied twice");
                assertEquals(0, counted(registry, lane, List.of(t), "conflict-kept-target"), t);
                assertEquals(0, counted(registry, lane, List.of(t), "dead-lettered"), t);
            }
            assertEquals(0, registry.find("bisync.conflicts").counters().stream().mapToDouble(Counter::count).sum());
        }
    }

    /**
     * Inserts, updates (always to a new value), deletes and key changes (a row moved to a new key after all others:
     * captured as a delete and an insert, two changes) of random rows, one statement per transaction.
     */
    private static void write(DatabaseEndpoint source, List<String> tables, int rows, AtomicBoolean writing,
            Map<String, AtomicLong> changes, AtomicReference<Throwable> failure) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long next = rows + 1;
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            while (writing.get()) {
                String t = tables.get(random.nextInt(tables.size()));
                long id = 1 + random.nextInt(rows);
                int n;
                switch (random.nextInt(5)) {
                    case 0 -> {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id, qty, name, note) "
                                + "VALUES (?, ?, ?, ?)")) {
                            long key = next++;
                            ps.setLong(1, key);
                            ps.setInt(2, (int) key % 1000);
                            ps.setString(3, "new " + key);
                            ps.setString(4, "Grüße " + key);
                            n = ps.executeUpdate();
                        }
                    }
                    case 1 -> n = s.executeUpdate("DELETE FROM " + t + " WHERE id = " + id);
                    case 2 -> n = 2 * s.executeUpdate("UPDATE " + t + " SET id = " + next++ + " WHERE id = " + id);
                    default -> n = s.executeUpdate("UPDATE " + t + " SET qty = qty + 1, note = CONCAT('u', "
                            + "COALESCE(note, '')) WHERE id = " + id);
                }
                changes.get(t).addAndGet(n);
                Thread.sleep(2);
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private static List<List<String>> progress(DatabaseEndpoint target, String table, String columns)
            throws Exception {
        return Rows.read(target, "SELECT " + columns + " FROM bisync_init_progress WHERE source_table = '" + table
                + "'");
    }

    private static List<List<String>> resume(DatabaseEndpoint target, String table, String columns)
            throws Exception {
        return Rows.read(target, "SELECT " + columns + " FROM bisync_init_resume WHERE source_table = '" + table
                + "'");
    }
}

package dev.bisync.core.it;

import dev.bisync.api.BisyncException;
import dev.bisync.api.config.EchoMarking;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.report.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.SyncConfigFile;
import dev.bisync.core.report.ResumedTable;
import dev.bisync.core.report.TableCheck;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link InitialSync} on the embedded stack, MariaDB (side A) to PostgreSQL (side B): 200+ tables of mixed types
 * end equal; a copy that fails mid-way resumes; writes during the copy are handed over to the lanes with nothing
 * lost and nothing applied twice; the report of a second run names a table that differs (what {@code bisync init}
 * says by its exit code; bisync-cli's {@code CommandLineIT} runs the command).
 */
@ExtendWith(EmbeddedStackExtension.class)
class InitialSyncIT {

    /** MariaDB (side A) and PostgreSQL (side B) over the given tables. */
    static SyncConfig config(EmbeddedStack stack, String name, List<String> tables) {
        return SyncConfig.builder().name(name).kafkaBootstrapServers(stack.kafkaBootstrapServers())
                .sideA(new SideConfig("mariadb", SyncFixture.database(stack.mariadbServer().bisyncUser()),
                        EmbeddedStack.DATABASE, name + "maria", tables))
                .sideB(new SideConfig("postgres", SyncFixture.database(stack.postgresServer().bisyncUser()), "public",
                        name + "pg", tables))
                .build();
    }

    @Test
    void initCopiesTwoHundredTablesOfMixedTypesAndBothSidesEndEqual(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        List<String> small = IntStream.range(0, 200).mapToObj(i -> String.format("init_m%03d", i)).toList();
        List<String> big = List.of("init_big1", "init_big2", "init_big3");
        List<String> tables = new ArrayList<>(small);
        tables.addAll(big);
        InitTables.create(maria, pg, tables);
        for (String t : small) {
            InitTables.fill(maria, t, 1, 51);
        }
        for (String t : big) {
            InitTables.fill(maria, t, 1, 12_001);
        }
        execute(maria, "CREATE TABLE init_m_parent (id bigint PRIMARY KEY)",
                "CREATE TABLE init_m_child (parent bigint NOT NULL, line varchar(20) NOT NULL, qty int NOT NULL, "
                        + "PRIMARY KEY (parent, line), FOREIGN KEY (parent) REFERENCES init_m_parent (id))");
        tables.add(0, "init_m_child");            // listed before its parent: the copy orders them by foreign key
        tables.add("init_m_parent");
        // a target table that holds a row already: written with upserts, the others by COPY
        InitTables.create(maria, pg, List.of("init_m_held"));
        InitTables.fill(maria, "init_m_held", 1, 51);
        execute(pg, "INSERT INTO init_m_held (id, qty, name) VALUES (7, -1, 'held before the copy')");
        tables.add("init_m_held");
        execute(pg, "CREATE TABLE init_m_parent (id bigint PRIMARY KEY)",
                "CREATE TABLE init_m_child (parent bigint NOT NULL REFERENCES init_m_parent (id), "
                        + "line varchar(20) NOT NULL, qty int NOT NULL, PRIMARY KEY (parent, line))");
        execute(maria, "INSERT INTO init_m_parent SELECT seq FROM seq_1_to_300",
                "INSERT INTO init_m_child SELECT p.seq, CONCAT('l', l.seq), p.seq * l.seq FROM seq_1_to_300 p, "
                        + "seq_1_to_7 l");
        List<String> lines = new ArrayList<>();

        InitReport report = InitialSync.builder(config(stack, "initmix", tables)).from("mariadb").parallelism(3)
                .chunkRows(1_000).progress(Duration.ofMillis(500), lines::add).run();

        assertEquals(tables.size(), report.tablesCopied());
        assertEquals(200L * 50 + 3 * 12_000 + 300 + 2_100 + 50, report.rows());
        assertEquals(Map.of("COPY", 200L * 50 + 3 * 12_000 + 300 + 2_100, "upsert", 50L), report.writtenBy(),
                "rows by write path: COPY into the empty tables, upserts into the one that held a row");
        assertEquals(tables.size(), report.checks().size());
        assertEquals(List.of(), report.mismatches(), "tables that differ after the copy");
        assertTrue(report.checks().stream().allMatch(c -> c.sourceRows() == c.targetRows() && c.targetRows() > 0));
        // independent of bisync's checksums: the databases' own aggregates and rows
        for (String t : List.of("init_m000", "init_m137", "init_big2", "init_m_held")) {
            String sql = "SELECT count(*), sum(qty), sum(price), min(name), max(born), max(seen) FROM " + t;
            assertEquals(Rows.read(maria, sql), Rows.read(pg, sql), t);
            String rows = "SELECT id, qty, price, name, born, seen, ratio, note FROM " + t + " ORDER BY id";
            assertEquals(Rows.read(maria, rows), Rows.read(pg, rows), t);
        }
        assertEquals(Rows.read(maria, "SELECT parent, line, qty FROM init_m_child ORDER BY parent, line"),
                Rows.read(pg, "SELECT parent, line, qty FROM init_m_child ORDER BY parent, line"));
        assertTrue(lines.get(lines.size() - 1).matches("init done: tables 206/206, 48,450 rows, .*, written by COPY "
                + "48,400, upsert 50"), lines.get(lines.size() - 1));

        // a value changed on one side shows in the verification
        execute(pg, "UPDATE init_m042 SET note = 'changed' WHERE id = 7");
        List<TableCheck> checks = InitialSync.builder(config(stack, "initmix", tables)).from("mariadb").build()
                .verify();
        assertEquals(List.of("init_m042"), checks.stream().filter(c -> !c.equal()).map(TableCheck::table).toList());
    }

    @Test
    void initResumesAfterACrashMidCopyWithoutCopyingDoneTablesAgain(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        List<String> tables = IntStream.range(0, 12).mapToObj(i -> String.format("init_r%02d", i)).toList();
        InitTables.create(maria, pg, tables);
        for (String t : tables) {
            InitTables.fill(maria, t, 1, 2_001);
        }
        SyncConfig config = config(stack, "initres", tables);
        AtomicInteger chunks = new AtomicInteger();

        BisyncException crash = assertThrows(BisyncException.class, () -> InitialSync.builder(config)
                .from("mariadb").parallelism(2).chunkRows(500).afterChunk((table, chunk) -> {
                    if (chunks.incrementAndGet() == 22) {
                        throw new IllegalStateException("injected crash after 22 chunks");
                    }
                }).run());

        assertTrue(crash.getMessage().contains("injected crash"), crash.getMessage());
        Map<String, String> status = new ConcurrentHashMap<>();
        Rows.read(pg, "SELECT source_table, status FROM bisync_init_progress WHERE run = 'mariadb-to-postgres' "
                + "AND source_table LIKE 'init_r%'").forEach(r -> status.put(r.get(0), r.get(1)));
        long done = status.values().stream().filter("DONE"::equals).count();
        assertTrue(done >= 4 && done < tables.size(), "tables done before the crash: " + status);
        assertTrue(status.containsValue("COPYING"), status.toString());
        Map<String, Long> copiedBefore = new ConcurrentHashMap<>();
        Rows.read(pg, "SELECT source_table, copied_rows FROM bisync_init_progress WHERE run = 'mariadb-to-postgres' "
                + "AND source_table LIKE 'init_r%' AND status <> 'DONE' AND copied_rows > 0")
                .forEach(r -> copiedBefore.put(r.get(0), Long.parseLong(r.get(1))));
        assertTrue(!copiedBefore.isEmpty(), "a table stopped in the middle: " + status);

        InitReport resumed = InitialSync.builder(config).from("mariadb").parallelism(2).chunkRows(500).run();

        assertEquals(tables.size() - done, resumed.tablesCopied(), "tables copied by the resumed run");
        long before = copiedBefore.values().stream().mapToLong(Long::longValue).sum();
        assertEquals((tables.size() - done) * 2_000 - before, resumed.rows(),
                "the unfinished tables resumed after their last committed chunk: " + copiedBefore);
        assertEquals(copiedBefore, resumed.resumed().stream().collect(Collectors.toMap(
                ResumedTable::table, ResumedTable::rowsBefore)));
        assertEquals(copiedBefore.size() * 2_000L - before, resumed.writtenBy().getOrDefault("upsert", 0L),
                "tables stopped in the middle hold rows and are written on with upserts: " + resumed.writtenBy());
        assertEquals(resumed.rows() - (copiedBefore.size() * 2_000L - before),
                resumed.writtenBy().getOrDefault("COPY", 0L),
                "tables not begun before the crash are empty and written by COPY: " + resumed.writtenBy());
        assertTrue(resumed.writtenBy().getOrDefault("COPY", 0L) > 0, resumed.writtenBy().toString());
        assertEquals(List.of(), resumed.mismatches());
        assertEquals(tables.size(), resumed.checks().size());
        assertEquals(List.of(List.of(String.valueOf(tables.size()))), Rows.read(pg, "SELECT count(*) FROM "
                + "bisync_init_progress WHERE run = 'mariadb-to-postgres' AND source_table LIKE 'init_r%' "
                + "AND status = 'DONE'"));
    }

    @Test
    void initHandsOverToTheLanesWithWritesDuringTheCopyNeitherLostNorDoubled(EmbeddedStack stack) throws Exception {
        List<String> tables = List.of("init_h1", "init_h2", "init_h3");
        InitTables.create(stack.mariadb(), stack.postgres(), tables);
        for (String t : tables) {
            InitTables.fill(stack.mariadb(), t, 1, 6_001);
        }
        handOver(stack, "inith", 5650, tables, stack.mariadb(), "mariadb", "mariadb-to-postgres", "COPY");
    }

    /**
     * As above with both sides marked by marker rows ({@link EchoMarking#MARKER_ROWS}): the copy's {@code COPY}
     * chunks into PostgreSQL are captured there, and the other lane must take every one of them, and of the lane's
     * writes, for an echo by its transaction's marker.
     */
    @Test
    void initWithMarkerRowsHandsOverAndTheCopyComesBackOnlyAsEchoes(EmbeddedStack stack) throws Exception {
        List<String> tables = List.of("init_m1", "init_m2");
        InitTables.create(stack.mariadb(), stack.postgres(), tables);
        for (String t : tables) {
            InitTables.fill(stack.mariadb(), t, 1, 3_001);
        }
        handOver(stack, "initm", 5652, tables, stack.mariadb(), "mariadb", "mariadb-to-postgres", "COPY",
                EchoMarking.MARKER_ROWS);
    }

    @Test
    void initFromPostgresHandsOverByTransactionVisibilityWithWritesDuringTheCopy(EmbeddedStack stack)
            throws Exception {
        List<String> tables = List.of("init_p1", "init_p2");
        InitTables.create(stack.mariadb(), stack.postgres(), tables);
        for (String t : tables) {
            execute(stack.postgres(), "INSERT INTO " + t + " (id, qty, price, name, born, note) SELECT g, g % 1000, "
                    + "g / 8.0, 'n' || g, DATE '2000-01-01' + g % 9000, 'note ' || g FROM generate_series(1, 6000) g");
        }
        handOver(stack, "initp", 5651, tables, stack.postgres(), "postgres", "postgres-to-mariadb", "LOAD DATA");
    }

    /**
     * Writes on {@code source} before, during (slowed down to take seconds) and after a copy from it, then starts the
     * lanes: per table, changes skipped as already copied + changes applied = changes made, both non-zero, none
     * applied twice (skipped as equal) or taken for a conflict, and both sides end equal. The copy writes by the
     * target's bulk path {@code method}, which the target's capture leaves out as it does the lanes' writes: the
     * other lane sees no change of these tables.
     */
    private static void handOver(EmbeddedStack stack, String name, int serverId, List<String> tables,
            DatabaseEndpoint source, String sourceSide, String lane, String method) throws Exception {
        handOver(stack, name, serverId, tables, source, sourceSide, lane, method, EchoMarking.AUTO);
    }

    /**
     * As above, with both sides' echo marking: with {@link EchoMarking#MARKER_ROWS} the target's capture keeps the
     * copy's and the lane's writes, and the other lane counts each of them as an echo, applying none.
     */
    private static void handOver(EmbeddedStack stack, String name, int serverId, List<String> tables,
            DatabaseEndpoint source, String sourceSide, String lane, String method, EchoMarking marking)
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SyncFixture fixture = new SyncFixture(stack, name, serverId, tables, b -> { }, c -> { }, marking)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
            tables.forEach(t -> changes.put(t, new AtomicLong()));
            Thread writer = new Thread(() -> write(source, tables, 6_000, writing, changes), "init-writer");
            writer.start();
            Thread.sleep(300);

            InitReport report = InitialSync.builder(fixture.config).from(sourceSide).parallelism(2).chunkRows(250)
                    .verify(false).afterChunk((table, chunk) -> sleep(15)).run();

            Thread.sleep(300);
            writing.set(false);
            writer.join();
            assertEquals(tables.size(), report.tablesCopied());
            assertEquals(Map.of(method, report.rows()), report.writtenBy(), "every row written by " + method);
            fixture.start(registry);
            InitialSync check = InitialSync.builder(fixture.config).from(sourceSide).build();
            long total = changes.values().stream().mapToLong(AtomicLong::get).sum();
            Rows.await("the lane consumed the " + total + " changes", SyncFixture.TIMEOUT,
                    () -> counted(registry, lane, tables, null) == total,
                    () -> "counted " + counted(registry, lane, tables, null));
            Rows.await("both sides equal", SyncFixture.TIMEOUT, () -> check.verify().stream().allMatch(TableCheck::equal),
                    () -> check.verify().toString());
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
            String otherLane = lane.equals("mariadb-to-postgres") ? "postgres-to-mariadb" : "mariadb-to-postgres";
            if (marking == EchoMarking.AUTO) {
                assertEquals(0, counted(registry, otherLane, tables, null), "changes of the copied tables captured "
                        + "on the target (the copy's " + method + " or the lane's writes) and seen by the other lane");
                return;
            }
            long rows = report.rows();
            long applied = counted(registry, lane, tables, "applied");
            Rows.await("the other lane took the copy's " + rows + " rows and the lane's " + applied + " writes",
                    SyncFixture.TIMEOUT, () -> counted(registry, otherLane, tables, null) >= rows + applied,
                    () -> "counted " + counted(registry, otherLane, tables, null));
            Thread.sleep(1_000);
            System.out.println("[InitialSyncIT] marker rows: copied " + rows + ", applied " + applied + "; the other"
                    + " lane counted " + counted(registry, otherLane, tables, null) + ", echoes "
                    + counted(registry, otherLane, tables, "echo"));
            assertEquals(rows + applied, counted(registry, otherLane, tables, "echo"), "every row the copy and the "
                    + "lane wrote comes back to the other lane as an echo, recognised by its transaction's marker");
            assertEquals(rows + applied, counted(registry, otherLane, tables, null), "and nothing else");
        }
    }

    @Test
    void initBothFillsEachSideWithTheRowsItLacksAndListsTheRowsThatDiffer(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        InitTables.create(maria, pg, List.of("init_b1"));
        InitTables.fill(maria, "init_b1", 1, 101);
        execute(pg, "INSERT INTO init_b1 (id, qty, name) SELECT g, g, 'pg' || g FROM generate_series(51, 150) g");

        InitReport report = InitialSync.builder(config(stack, "initboth", List.of("init_b1"))).both().run();

        assertEquals(2, report.tablesCopied(), "one table, both directions");
        assertEquals(100 + 150, report.rows(),
                "rows read: MariaDB's 100, then PostgreSQL's 150 (its own and the 50 it got)");
        String all = "SELECT id, qty, name FROM init_b1 WHERE id <= 50 OR id > 100 ORDER BY id";
        assertEquals(100, Rows.read(pg, all).size());
        assertEquals(Rows.read(maria, all), Rows.read(pg, all), "each side got the rows it lacked");
        assertEquals(List.of(List.of("150")), Rows.read(maria, "SELECT count(*) FROM init_b1"));
        assertEquals(List.of(List.of("pg61")), Rows.read(pg, "SELECT name FROM init_b1 WHERE id = 61"),
                "a row both sides held is left as it was");
        assertEquals(List.of(List.of("n61")), Rows.read(maria, "SELECT name FROM init_b1 WHERE id = 61"));
        assertEquals(List.of("mariadb-to-postgres", "postgres-to-mariadb"),
                report.mismatches().stream().map(TableCheck::direction).toList(), report.checks().toString());
        assertTrue(report.mismatches().stream().allMatch(c -> c.sourceRows() == 150 && c.targetRows() == 150));
    }

    @Test
    void initReportsItsProgressAndOnASecondRunATableThatDiffers(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        List<String> tables = List.of("init_c1", "init_c2");
        InitTables.create(maria, pg, tables);
        InitTables.fill(maria, "init_c1", 1, 301);
        InitTables.fill(maria, "init_c2", 1, 41);
        // as the command line reads it: the configuration file (bisync-cli's CommandLineIT runs bisync init)
        Path file = Files.createTempFile("bisync-init", ".properties");
        Files.writeString(file, SyncFixture.configFile(config(stack, "initcli", tables)));
        SyncConfig config = SyncConfigFile.load(file);

        List<String> progress = new CopyOnWriteArrayList<>();
        InitReport copied = InitialSync.builder(config).from("mariadb").parallelism(2)
                .progress(Duration.ofSeconds(2), progress::add).run();
        assertTrue(progress.stream().anyMatch(line -> line.contains("init done: tables 2/2, 340 rows")),
                progress.toString());
        assertEquals(List.of(2, 2, 340L), List.of(copied.tablesCopied(), copied.tablesTotal(), copied.rows()));
        assertEquals(2, copied.checks().size(), copied.toString());
        assertTrue(copied.complete(), "nothing refused, nothing differs: " + copied);

        execute(pg, "DELETE FROM init_c2 WHERE id = 40");
        InitReport again = InitialSync.builder(config).from("mariadb").run();
        assertEquals(0, again.tablesCopied(), "both were done: " + again);
        assertEquals(1, again.mismatches().size(), again.toString());
        assertTrue(again.mismatches().get(0).toString().startsWith("mariadb-to-postgres init_c2: 40 rows"),
                again.toString());
        assertEquals(again.mismatches(), again.unexplainedMismatches(), "no row was refused: the difference is "
                + "unexplained (bisync init's exit code 1)");
    }

    /** Inserts, updates (always to a new value) and deletes random rows, one statement per transaction. */
    private static void write(DatabaseEndpoint source, List<String> tables, int rows, AtomicBoolean writing,
            Map<String, AtomicLong> changes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long next = rows + 1;
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            while (writing.get()) {
                String t = tables.get(random.nextInt(tables.size()));
                int n;
                switch (random.nextInt(4)) {
                    case 0 -> {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (id, qty, name, note) "
                                + "VALUES (?, ?, ?, ?)")) {
                            long id = next++;
                            ps.setLong(1, id);
                            ps.setInt(2, (int) id % 1000);
                            ps.setString(3, "new " + id);
                            ps.setString(4, "Grüße " + id);
                            n = ps.executeUpdate();
                        }
                    }
                    case 1 -> n = s.executeUpdate("DELETE FROM " + t + " WHERE id = " + (1 + random.nextInt(rows)));
                    default -> n = s.executeUpdate("UPDATE " + t + " SET qty = qty + 1, note = CONCAT('u', "
                            + "COALESCE(note, '')) WHERE id = " + (1 + random.nextInt(rows)));
                }
                changes.get(t).addAndGet(n);
                Thread.sleep(2);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long counted(SimpleMeterRegistry registry, String lane, List<String> tables, String outcome) {
        double sum = 0;
        for (Counter c : registry.find("bisync.events").tag("lane", lane).counters()) {
            if (tables.contains(c.getId().getTag("table"))
                    && (outcome == null || outcome.equals(c.getId().getTag("outcome")))) {
                sum += c.count();
            }
        }
        return (long) sum;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.bisync.core.it;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.DeadLetterReplay;
import dev.bisync.core.report.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.core.report.RejectedRow;
import dev.bisync.core.ReplayReport;
import dev.bisync.core.ReplaySelection;
import dev.bisync.core.SyncConfigFile;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static dev.bisync.core.it.InitialSyncIT.config;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rows the initial copy refuses are dead letters of the lane of the copy's direction, with the lanes' headers,
 * and a replay ({@code DeadLetterReplay}, {@code bisync dlq replay}) copies them once their cause is fixed: it reads
 * each row again from the source, as the source holds it then, and writes it through the lane's stages; the copy's
 * report leaves out what was replayed.
 */
@ExtendWith(EmbeddedStackExtension.class)
class InitDeadLetterIT {

    private static final String LANE = "mariadb-to-postgres";

    @Test
    void aRefusedRowIsDeadLetteredAndReplayCopiesItOnceTheSourceOrTargetIsFixed(EmbeddedStack stack)
            throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        execute(maria, "CREATE TABLE dlq_init (id int PRIMARY KEY, d date NULL, t varchar(20) NULL) "
                + "DEFAULT CHARSET utf8mb4");
        execute(pg, "CREATE TABLE dlq_init (id int PRIMARY KEY, d date, t varchar(5))");
        try (Connection c = maria.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'");
            s.execute("INSERT INTO dlq_init SELECT seq, '2024-01-01' + INTERVAL seq DAY, CONCAT('r', seq) "
                    + "FROM seq_1_to_50");
            s.execute("UPDATE dlq_init SET t = 'much too long' WHERE id IN (7, 30)");
            s.execute("UPDATE dlq_init SET d = '0000-00-00' WHERE id = 23");
        }
        SyncConfig config = config(stack, "dlqinit", List.of("dlq_init"));
        String dlq = "bisync.dlqinit." + LANE + ".dlq";

        InitReport report = InitialSync.builder(config).from("mariadb").chunkRows(10).run();

        assertEquals(List.of("(7)", "(23)", "(30)"), report.rejected().stream().map(RejectedRow::key).toList());
        List<DeadLetterTopic.Letter> letters = DeadLetterTopic.read(stack, dlq);
        assertEquals(3, letters.size(), letters.toString());
        DeadLetterTopic.Letter zero = letters.stream().filter(l -> "(23)".equals(new String(l.key()))).findFirst()
                .orElseThrow(() -> new AssertionError(letters.toString()));
        assertEquals("RejectedValueException", zero.header("bisync.error.class"));
        assertEquals("mariadb-to-postgres dlq_init key (23): cannot write 0000-00-00 (UnrepresentableValue) into "
                + "public.dlq_init.d: is MariaDB/MySQL's zero date, which no date type of the other database holds "
                + "(lenient sql_mode without NO_ZERO_DATE)", zero.header("bisync.error.message"));
        assertEquals("dlqinitmaria." + EmbeddedStack.DATABASE + ".dlq_init", zero.header("bisync.original.topic"),
                "the source table's topic, so that a replay by table finds it");
        assertEquals("-1", zero.header("bisync.original.partition"));
        assertEquals(LANE, zero.header("bisync.lane"));
        assertTrue(letters.stream().anyMatch(l -> l.header("bisync.error.message").contains("key (7): cannot write "
                + "'much too long'") && l.header("bisync.error.message").contains("into public.dlq_init.t: has 13 "
                + "characters")), letters.toString());

        try (DeadLetterReplay replay = DeadLetterReplay.open(config, LANE)) {
            ReplayReport unfixed = replay.replay(ReplaySelection.all());
            assertEquals(3, unfixed.stillFailing().size(), unfixed.toString());
            assertTrue(unfixed.balanced(), unfixed.toString());
        }
        assertEquals(List.of(List.of("47")), Rows.read(pg, "SELECT count(*) FROM dlq_init"));

        execute(pg, "ALTER TABLE dlq_init ALTER COLUMN t TYPE varchar(20)");
        execute(maria, "UPDATE dlq_init SET d = '2024-05-05' WHERE id = 23", "DELETE FROM dlq_init WHERE id = 30");
        Path file = Files.createTempFile("bisync-dlqinit", ".properties");
        Files.writeString(file, SyncFixture.configFile(config));

        // as the command line reads it: the configuration file (bisync-cli's CommandLineIT runs bisync dlq replay)
        SyncConfig fromFile = SyncConfigFile.load(file);
        try (DeadLetterReplay replay = DeadLetterReplay.open(fromFile, LANE)) {
            ReplayReport fixed = replay.replay(new ReplaySelection("dlq_init", 0, Long.MAX_VALUE));
            assertTrue(fixed.toString().contains("selected 3 = already replayed 0 + consumed 3 = applied 2"),
                    fixed.toString());
            assertTrue(fixed.toString().contains("filtered 1"), "the row the source deleted is not copied: " + fixed);
            assertEquals(List.of(), fixed.stillFailing());
        }
        String sql = "SELECT id, CAST(d AS char), t FROM dlq_init ORDER BY id";
        assertEquals(Rows.read(maria, sql), Rows.read(pg, "SELECT id, d::text, t FROM dlq_init ORDER BY id"),
                "both sides equal: row 7 as it was, row 23 with its fixed date");
        assertEquals(List.of(List.of("23", "2024-05-05", "r23")),
                Rows.read(pg, "SELECT id, d::text, t FROM dlq_init WHERE id = 23"));

        try (DeadLetterReplay replay = DeadLetterReplay.open(fromFile, LANE)) {
            ReplayReport again = replay.replay(ReplaySelection.all());
            assertTrue(again.toString().contains("selected 3 = already replayed 3 + consumed 0"), again.toString());
            assertEquals(List.of(), again.stillFailing());
        }
        InitReport after = InitialSync.builder(config).from("mariadb").run();
        assertEquals(List.of(), after.rejected(), "the copy's refused rows are replayed: none left to report");
        assertTrue(after.complete(), after.toString());
    }
}

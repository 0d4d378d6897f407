package dev.bisync.cli;

import dev.bisync.core.report.InitReport;
import dev.bisync.core.report.RejectedRow;
import dev.bisync.core.report.TableCheck;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code bisync init} prints for a report, and its exit code: 0, 1 when a table differs, 2 for refused rows. */
class InitCommandTest {

    private static final String LANE = "mariadb-to-postgres";
    private static final TableCheck EQUAL = new TableCheck(LANE, "orders", 10, 10, "ab", "ab");
    private static final TableCheck SHORT_BY_ONE = new TableCheck(LANE, "orders", 10, 9, "ab", "cd");
    private static final RejectedRow TOO_LONG = new RejectedRow(LANE, "orders", "(7)", "public.orders.note",
            "'much too long'", "has 13 characters, the column holds 5");

    @Test
    void aCompleteCopyExitsWithZero() {
        Printed printed = print(report(List.of(EQUAL), List.of()));
        assertEquals(0, printed.exit(), printed.text());
        assertEquals("1 of 1 tables copied, 10 rows in PT1.5S, 0 rejected; 1 table(s) compared, 0 differ",
                printed.text().strip());
    }

    @Test
    void refusedRowsAreListedWithTheLaneToReplayThemAndExitWithTwo() {
        Printed printed = print(report(List.of(SHORT_BY_ONE), List.of(TOO_LONG)));
        assertEquals(InitCommand.COPIED_WITH_REJECTED_ROWS, printed.exit(), printed.text());
        assertTrue(printed.text().contains("rejected: mariadb-to-postgres orders key (7): cannot write 'much too "
                + "long' into public.orders.note: has 13 characters"), printed.text());
        assertTrue(printed.text().contains("the rows mariadb-to-postgres rejected are dead letters of that lane: fix "
                + "the cause, then bisync dlq replay mariadb-to-postgres"), printed.text());
        assertTrue(printed.text().contains("differs: mariadb-to-postgres orders: 10 rows"), printed.text());
        assertTrue(printed.text().contains(", 1 rejected; 1 table(s) compared, 1 differ"), printed.text());
    }

    @Test
    void aTableThatDiffersOtherThanByRefusedRowsExitsWithOne() {
        RejectedRow elsewhere = new RejectedRow(LANE, "customers", "(1)", null, null, "23514 check violated");
        Printed printed = print(report(List.of(SHORT_BY_ONE), List.of(elsewhere)));
        assertEquals(BisyncCli.FAILED, printed.exit(), printed.text());
        assertTrue(printed.text().contains("differs: mariadb-to-postgres orders: 10 rows (ab) vs 9 rows (cd) "
                + "MISMATCH"), printed.text());
    }

    private static InitReport report(List<TableCheck> checks, List<RejectedRow> rejected) {
        return new InitReport(1, 1, 10, Map.of("upsert", 10L), 100, Duration.ofMillis(1500), checks, List.of(),
                rejected);
    }

    private static Printed print(InitReport report) {
        StringWriter text = new StringWriter();
        int exit = InitCommand.print(report, new PrintWriter(text, true));
        return new Printed(exit, text.toString());
    }

    private record Printed(int exit, String text) {
    }
}

package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads tables as comparable text rows, and waits for both sides to agree. Public for bisync-cli's tests. */
public final class Rows {

    private Rows() {
    }

    /** The rows of a query, each as a list of values in a database-neutral text form. */
    public static List<List<String>> read(DatabaseEndpoint endpoint, String sql) throws SQLException {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(text(rs.getObject(i)));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        return v.toString();
    }

    /** Waits until {@code condition} holds; fails with {@code describe}'s text. */
    public static void await(String what, Duration timeout, Check condition, Description describe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + ": " + describe.text());
    }

    /** Waits until both sides return the same rows for the same query. */
    public static void awaitEqual(DatabaseEndpoint a, DatabaseEndpoint b, String sql, Duration timeout) throws Exception {
        await("equal rows for " + sql, timeout, () -> read(a, sql).equals(read(b, sql)),
                () -> "\n  A: " + read(a, sql) + "\n  B: " + read(b, sql));
    }

    /** What was seen, for a failure message; may throw. */
    @FunctionalInterface
    public interface Description {
        String text() throws Exception;
    }

    /** A condition that may throw. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }
}

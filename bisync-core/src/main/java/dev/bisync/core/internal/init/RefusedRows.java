package dev.bisync.core.internal.init;

import dev.bisync.core.report.RejectedRow;
import dev.bisync.core.internal.deadletter.ReplayMarks.Original;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rows the target refused, in the target side's {@code bisync_init_rejected}: run, source table, the snapshot
 * the row was read in, key, column, value, reason and time, written in the chunk's transaction. Only ever inserted
 * into (no key, no delete), so that copy threads never wait for each other here. Part of {@link InitProgressStore}.
 */
final class RefusedRows {

    private final String table;

    /** The store of a quoted, qualified table name. */
    RefusedRows(String table) {
        this.table = table;
    }

    /** Records the rows of a chunk the target refused, read in the snapshot {@code mark} (chunk's transaction). */
    void reject(Connection connection, String run, String sourceTable, String mark, List<RejectedRow> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " (run, "
                + "source_table, snapshot_mark, row_key, target_column, shown_value, reason, rejected_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            for (RejectedRow row : rows) {
                ps.setString(1, run);
                ps.setString(2, sourceTable);
                ps.setString(3, mark);
                ps.setString(4, row.key());
                ps.setString(5, row.column());
                ps.setString(6, row.value());
                ps.setString(7, row.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The rows the target refused in the copies of a run's tables that stand and that a replay of their dead letters
     * has not copied since: those read in the snapshot of one of the table's segments ({@code progress}), so that a
     * table copied again from its first row (a new snapshot, no segments) leaves out what its earlier copy refused,
     * and whose letter's identity ({@link InitLetter#identity}) is not among the {@code replayed} records.
     *
     * @param topicOf the topic of a source table (its letters' original topic)
     */
    List<RejectedRow> rejected(Connection connection, String run, Map<String, InitProgressStore.Entry> progress,
            Set<Original> replayed, Function<String, String> topicOf) throws SQLException {
        Map<String, Set<String>> marks = new HashMap<>();
        progress.forEach((sourceTable, entry) -> {
            Set<String> tableMarks = new HashSet<>();
            tableMarks.add(entry.snapshotMark());
            CopySegments.parse(entry.segments()).closed().forEach(segment -> tableMarks.add(segment.mark()));
            marks.put(sourceTable, tableMarks);
        });
        List<RejectedRow> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT source_table, snapshot_mark, row_key, "
                + "target_column, shown_value, reason FROM " + table + " WHERE run = ? "
                + "ORDER BY source_table, rejected_at")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (marks.getOrDefault(rs.getString(1), Set.of()).contains(rs.getString(2))
                            && !replayed.contains(InitLetter.identity(topicOf.apply(rs.getString(1)), run,
                                    rs.getString(2), rs.getString(3)))) {
                        rows.add(new RejectedRow(run, rs.getString(1), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
            }
        }
        // per table in key order, numbers by value: the rows of one chunk share their time
        rows.sort(java.util.Comparator.comparing(RejectedRow::table).thenComparing(RejectedRow::key,
                RefusedRows::naturally));
        return rows;
    }

    /** Text compared with its runs of digits as numbers: {@code (7)} before {@code (23)}. */
    static int naturally(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int i0 = i;
                int j0 = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(a.substring(i0, i))
                        .compareTo(new java.math.BigInteger(b.substring(j0, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

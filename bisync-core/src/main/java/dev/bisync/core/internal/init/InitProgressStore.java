package dev.bisync.core.internal.init;

import dev.bisync.api.TableId;
import dev.bisync.core.report.RejectedRow;
import dev.bisync.core.internal.deadletter.ReplayMarks;
import dev.bisync.core.internal.deadletter.ReplayMarks.Original;
import dev.bisync.core.internal.tables.OwnTable;
import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The progress of initial copies, in the target side's {@code bisync_init_progress}: one row per copy direction
 * ({@code run}, the lane's name) and source table, with the snapshot mark the table was read in, its status
 * ({@code PENDING}, {@code COPYING}, {@code DONE}), and after each committed chunk the chunks, rows and bytes copied and the last key
 * (for people). What resuming inside a table needs is in {@code bisync_init_resume}, one row per run and table: the
 * last committed key, typed ({@code resume_key}, a {@link SegmentKey}), and the key ranges earlier snapshots copied
 * ({@code segments}, {@link CopySegments}) — a table of its own, created like the other, so that a progress table an
 * earlier version created needs no {@code ALTER} (bisync's account may hold only {@code CREATE}). Each chunk's rows
 * are written in the chunk's own transaction. The rows the target refused are in {@code bisync_init_rejected}, each
 * with the snapshot it was read in, written in its chunk's transaction ({@link RefusedRows}). Used by one thread at a time per connection.
 */
public final class InitProgressStore {

    /** The progress table's name, in the target side's namespace. */
    public static final String TABLE = OwnTable.INIT_PROGRESS.name();
    /** The table of what resuming inside a table needs, in the target side's namespace. */
    public static final String RESUME_TABLE = OwnTable.INIT_RESUME.name();
    /** The table of the rows the target refused, in the target side's namespace. */
    public static final String REJECTED_TABLE = OwnTable.INIT_REJECTED.name();
    static final String PENDING = "PENDING";
    static final String COPYING = "COPYING";
    static final String DONE = "DONE";

    /**
     * One table's recorded progress.
     *
     * @param resumeKey the last committed key, typed ({@link SegmentKey} JSON); null when none or not kept
     * @param segments  the closed segments ({@link CopySegments} JSON); null when none
     */
    public record Entry(String status, String snapshotMark, long chunks, long rows, long bytes, String resumeKey,
            String segments) {

        boolean done() {
            return DONE.equals(status);
        }
    }

    private final Dialect dialect;
    private final String namespace;
    private final String table;
    private final String resumeTable;
    private final RefusedRows rejections;

    public InitProgressStore(Dialect dialect, String namespace) {
        this.dialect = dialect;
        this.namespace = namespace;
        this.table = OwnTable.INIT_PROGRESS.qualified(dialect, namespace);
        this.resumeTable = OwnTable.INIT_RESUME.qualified(dialect, namespace);
        this.rejections = new RefusedRows(OwnTable.INIT_REJECTED.qualified(dialect, namespace));
    }

    /** Creates the tables if they are missing ({@link OwnTable}). */
    public void createTable(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (OwnTable own : List.of(OwnTable.INIT_PROGRESS, OwnTable.INIT_RESUME, OwnTable.INIT_REJECTED)) {
                s.execute(own.createSql(dialect, namespace));
            }
        }
    }

    /** Records the rows of a chunk the target refused, read in the snapshot {@code mark} (chunk's transaction). */
    void reject(Connection connection, String run, String sourceTable, String mark, List<RejectedRow> rows)
            throws SQLException {
        rejections.reject(connection, run, sourceTable, mark, rows);
    }

    /**
     * The rows the target refused in the copies of a run's tables that stand and that a replay of their dead letters
     * has not copied since ({@link RefusedRows#rejected}). Empty when the table of refused rows does not exist.
     *
     * @param topicOf the topic of a source table (its letters' original topic)
     */
    public List<RejectedRow> rejected(Connection connection, String run, Function<String, String> topicOf)
            throws SQLException {
        if (!exists(connection, REJECTED_TABLE)) {
            return List.of();
        }
        Set<Original> replayed = exists(connection, ReplayMarks.TABLE)
                ? new ReplayMarks(dialect, namespace, run, null).load(connection) : Set.of();
        return rejections.rejected(connection, run, load(connection, run), replayed, topicOf);
    }

    /**
     * The recorded progress of a run, by source table name. Without {@code bisync_init_resume} (an earlier version
     * made the copy), the entries have no resume key and no segments.
     */
    public Map<String, Entry> load(Connection connection, String run) throws SQLException {
        Map<String, String[]> resume = new HashMap<>();
        if (resumeTableExists(connection)) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT source_table, resume_key, segments FROM "
                    + resumeTable + " WHERE run = ?")) {
                ps.setString(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        resume.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
            }
        }
        Map<String, Entry> entries = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT source_table, status, snapshot_mark, chunks, "
                + "copied_rows, copied_bytes FROM " + table + " WHERE run = ?")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] r = resume.getOrDefault(rs.getString(1), new String[2]);
                    entries.put(rs.getString(1), new Entry(rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), r[0], r[1]));
                }
            }
        }
        return entries;
    }

    /** The recorded progress of one table of a run; null when it has no row. */
    Entry load(Connection connection, String run, String sourceTable) throws SQLException {
        return load(connection, run).get(sourceTable);
    }

    private boolean resumeTableExists(Connection connection) throws SQLException {
        return exists(connection, RESUME_TABLE);
    }

    private boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Writes a {@code PENDING} row, and an empty row in {@code bisync_init_resume}, for each table about to be copied
     * that has none yet (in the caller's transaction, before the copy threads start), so that the threads only ever
     * update rows that exist: concurrent inserts next to each other would take gap locks on MySQL/MariaDB and
     * deadlock. The rows of a table an earlier run left unfinished are kept: its copy resumes from them.
     */
    void prepare(Connection connection, String run, Iterable<String> sourceTables) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (run, source_table, "
                     + "status, snapshot_mark, chunks, copied_rows, copied_bytes, updated_at) "
                     + "VALUES (?, ?, ?, '', 0, 0, 0, CURRENT_TIMESTAMP)");
             PreparedStatement has = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE run = ? "
                     + "AND source_table = ?");
             PreparedStatement hasResume = connection.prepareStatement("SELECT 1 FROM " + resumeTable
                     + " WHERE run = ? AND source_table = ?");
             PreparedStatement insertResume = connection.prepareStatement("INSERT INTO " + resumeTable
                     + " (run, source_table) VALUES (?, ?)")) {
            for (String sourceTable : sourceTables) {
                if (!exists(has, run, sourceTable)) {
                    insert.setString(1, run);
                    insert.setString(2, sourceTable);
                    insert.setString(3, PENDING);
                    insert.executeUpdate();
                }
                if (!exists(hasResume, run, sourceTable)) {
                    insertResume.setString(1, run);
                    insertResume.setString(2, sourceTable);
                    insertResume.executeUpdate();
                }
            }
        }
    }

    private static boolean exists(PreparedStatement query, String run, String sourceTable) throws SQLException {
        query.setString(1, run);
        query.setString(2, sourceTable);
        try (ResultSet rs = query.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Records that a table's copy starts in the snapshot {@code mark}, after the closed segments and with the
     * counters of {@code from} (zero and none for a copy from the first row), in the caller's transaction.
     */
    void start(Connection connection, String run, String sourceTable, String mark, ResumePoint from)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET snapshot_mark = ? "
                + "WHERE run = ? AND source_table = ?")) {
            ps.setString(1, mark);
            ps.setString(2, run);
            ps.setString(3, sourceTable);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no row for " + sourceTable + " in " + table + " (run " + run + ")");
            }
        }
        update(connection, run, sourceTable, COPYING, from.chunks(), from.rows(), from.bytes(), from.keyText());
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + resumeTable + " SET resume_key = ?, "
                + "segments = ? WHERE run = ? AND source_table = ?")) {
            ps.setString(1, from.keyJson());
            ps.setString(2, from.segments().closed().isEmpty() ? null : from.segments().toJson());
            ps.setString(3, run);
            ps.setString(4, sourceTable);
            ps.executeUpdate();
        }
    }

    /** Records a copied chunk's last key, typed ({@link SegmentKey#toJson}), in the caller's transaction. */
    void keep(Connection connection, String run, String sourceTable, String resumeKey) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + resumeTable + " SET resume_key = ? "
                + "WHERE run = ? AND source_table = ?")) {
            ps.setString(1, resumeKey);
            ps.setString(2, run);
            ps.setString(3, sourceTable);
            ps.executeUpdate();
        }
    }

    /** Records a copied chunk, or the end of the table's copy (in the caller's transaction). */
    void update(Connection connection, String run, String sourceTable, String status, long chunks, long rows,
            long bytes, String lastKey) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET status = ?, chunks = ?, "
                + "copied_rows = ?, copied_bytes = ?, last_key = ?, updated_at = CURRENT_TIMESTAMP "
                + "WHERE run = ? AND source_table = ?")) {
            ps.setString(1, status);
            ps.setLong(2, chunks);
            ps.setLong(3, rows);
            ps.setLong(4, bytes);
            ps.setString(5, lastKey);
            ps.setString(6, run);
            ps.setString(7, sourceTable);
            ps.executeUpdate();
        }
    }

    /** The table, for messages. */
    static String name(TableId namespaceTable) {
        return namespaceTable.namespace() + "." + TABLE;
    }
}

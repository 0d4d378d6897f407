package dev.bisync.core.internal.init;

import dev.bisync.api.TableId;
import dev.bisync.spi.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The progress of initial copies, in the target side's {@code bisync_init_progress}: one row per copy direction
 * ({@code run}, the lane's name) and source table, with the snapshot mark the table was read in, its status
 * ({@code PENDING}, {@code COPYING}, {@code DONE}), and after each committed chunk the chunks, rows and bytes copied and the last key
 * (for people). Each chunk's row is written in the chunk's own transaction. Used by one thread at a time per
 * connection.
 */
public final class InitProgressStore {

    /** The progress table's name, in the target side's namespace. */
    public static final String TABLE = "bisync_init_progress";
    static final String PENDING = "PENDING";
    static final String COPYING = "COPYING";
    static final String DONE = "DONE";

    /** One table's recorded progress. */
    public record Entry(String status, String snapshotMark, long chunks, long rows, long bytes) {

        boolean done() {
            return DONE.equals(status);
        }
    }

    private final String table;

    public InitProgressStore(Dialect dialect, String namespace) {
        this.table = dialect.quote(namespace) + "." + dialect.quote(TABLE);
    }

    /** Creates the table if it is missing (same DDL on PostgreSQL and MySQL/MariaDB). */
    public void createTable(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (run VARCHAR(200) NOT NULL, "
                    + "source_table VARCHAR(400) NOT NULL, status VARCHAR(20) NOT NULL, snapshot_mark TEXT NOT NULL, "
                    + "chunks BIGINT NOT NULL, copied_rows BIGINT NOT NULL, copied_bytes BIGINT NOT NULL, "
                    + "last_key TEXT, updated_at TIMESTAMP NULL, PRIMARY KEY (run, source_table))");
        }
    }

    /** The recorded progress of a run, by source table name; empty when the table does not exist. */
    public Map<String, Entry> load(Connection connection, String run) throws SQLException {
        Map<String, Entry> entries = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT source_table, status, snapshot_mark, chunks, "
                + "copied_rows, copied_bytes FROM " + table + " WHERE run = ?")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.put(rs.getString(1), new Entry(rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return entries;
    }

    /**
     * Writes a {@code PENDING} row for each table about to be copied (in the caller's transaction, before the copy
     * threads start), so that the threads only ever update rows that exist: concurrent inserts next to each other
     * would take gap locks on MySQL/MariaDB and deadlock.
     */
    void prepare(Connection connection, String run, Iterable<String> sourceTables) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                + " WHERE run = ? AND source_table = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (run, source_table, "
                     + "status, snapshot_mark, chunks, copied_rows, copied_bytes, updated_at) "
                     + "VALUES (?, ?, ?, '', 0, 0, 0, CURRENT_TIMESTAMP)")) {
            for (String sourceTable : sourceTables) {
                delete.setString(1, run);
                delete.setString(2, sourceTable);
                delete.executeUpdate();
                insert.setString(1, run);
                insert.setString(2, sourceTable);
                insert.setString(3, PENDING);
                insert.executeUpdate();
            }
        }
    }

    /** Records that a table's copy starts afresh in the snapshot {@code mark} (in the caller's transaction). */
    void start(Connection connection, String run, String sourceTable, String mark) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET snapshot_mark = ? "
                + "WHERE run = ? AND source_table = ?")) {
            ps.setString(1, mark);
            ps.setString(2, run);
            ps.setString(3, sourceTable);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no row for " + sourceTable + " in " + table + " (run " + run + ")");
            }
        }
        update(connection, run, sourceTable, COPYING, 0, 0, 0, null);
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

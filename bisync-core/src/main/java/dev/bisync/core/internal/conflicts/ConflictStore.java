package dev.bisync.core.internal.conflicts;

import dev.bisync.api.RowImage;
import dev.bisync.api.TableId;
import dev.bisync.core.report.ConflictRecord;
import dev.bisync.core.internal.tables.OwnTable;
import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and updates one side's {@code bisync_conflicts} table, for the manual-resolution tools. */
public final class ConflictStore {

    private static final String COLUMNS = OwnTable.CONFLICTS.columnList();

    /** The columns a repair's record is inserted with, in the order {@link #recordRepair} binds them. */
    private static final List<String> REPAIRED = List.of("lane", "source_side", "target_side", "source_table",
            "target_table", "operation", "row_key", "incoming_image", "target_image", "strategy", "decision",
            "status", "reason", "resolution", "resolved_at");

    private final String side;
    private final String table;
    private final String repairSql;

    public ConflictStore(Dialect dialect, String side, String namespace) {
        this.side = side;
        this.table = ConflictLog.qualified(dialect, namespace);
        this.repairSql = OwnTable.CONFLICTS.insertSql(dialect, namespace, REPAIRED, false);
    }

    /**
     * Records a row that a repair wrote to this side (inside the caller's transaction, with the write), as a manual
     * resolution is recorded: status {@code resolved}, lane {@code repair}.
     *
     * @param takenSide   the side whose row was taken
     * @param takenTable  its table, {@code namespace.name}
     * @param thisTable   this side's table
     * @param key         the row's key, in this side's column names
     * @param written     the row written (null: deleted)
     * @param replaced    the row this side held (null: none)
     * @param resolution  how, e.g. {@code repair: take-mariadb}
     */
    public void recordRepair(Connection connection, String takenSide, TableId takenTable, TableId thisTable,
            RowImage key, RowImage written, RowImage replaced, String resolution) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(repairSql)) {
            ps.setString(1, "repair");
            ps.setString(2, takenSide);
            ps.setString(3, side);
            ps.setString(4, takenTable.toString());
            ps.setString(5, thisTable.toString());
            ps.setString(6, written == null ? "delete" : replaced == null ? "create" : "update");
            ps.setString(7, RowImageJson.write(key));
            ps.setString(8, RowImageJson.write(written));
            ps.setString(9, RowImageJson.write(replaced));
            ps.setString(10, "repair");
            ps.setString(11, "apply");
            ps.setString(12, ConflictLog.RESOLVED);
            ps.setString(13, "verify found the sides differ");
            ps.setString(14, resolution);
            ps.setTimestamp(15, Timestamp.from(java.time.Instant.now()));
            ps.executeUpdate();
        }
    }

    /** The side's records, oldest first: parked ones only, or all; at most {@code limit} (0: all). */
    public List<ConflictRecord> list(Connection connection, boolean all, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + table + (all ? "" : " WHERE status = ?") + " ORDER BY id";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (!all) {
                ps.setString(1, ConflictLog.PARKED);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<ConflictRecord> records = new ArrayList<>();
                while (rs.next()) {
                    records.add(record(rs));
                }
                return records;
            }
        }
    }

    /** One record by its number, locked for update. */
    public Optional<ConflictRecord> find(Connection connection, long number) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                + " WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        }
    }

    /** Marks a record resolved (inside the caller's transaction). */
    public void markResolved(Connection connection, long number, String resolution) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table
                + " SET status = ?, resolution = ?, resolved_at = CURRENT_TIMESTAMP WHERE id = ?")) {
            ps.setString(1, ConflictLog.RESOLVED);
            ps.setString(2, resolution);
            ps.setLong(3, number);
            ps.executeUpdate();
        }
    }

    /**
     * Marks the parked records of one row resolved (inside the caller's transaction): the other lane's side of a
     * conflict that a resolution just settled.
     *
     * @return how many
     */
    public int markRowResolved(Connection connection, TableId table, RowImage key, String resolution)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + this.table
                + " SET status = ?, resolution = ?, resolved_at = CURRENT_TIMESTAMP WHERE status = ? "
                + "AND target_table = ? AND row_key = ?")) {
            ps.setString(1, ConflictLog.RESOLVED);
            ps.setString(2, resolution);
            ps.setString(3, ConflictLog.PARKED);
            ps.setString(4, table.toString());
            ps.setString(5, RowImageJson.write(key));
            return ps.executeUpdate();
        }
    }

    private ConflictRecord record(ResultSet rs) throws SQLException {
        return new ConflictRecord(side + ":" + rs.getLong("id"), rs.getString("lane"), rs.getString("source_side"),
                rs.getString("target_side"), rs.getString("source_table"), rs.getString("target_table"),
                rs.getString("operation"), RowImageJson.read(rs.getString("row_key")),
                RowImageJson.read(rs.getString("before_image")), RowImageJson.read(rs.getString("incoming_image")),
                RowImageJson.read(rs.getString("target_image")), RowImageJson.read(rs.getString("merged_image")),
                rs.getString("strategy"), rs.getString("decision"), rs.getString("status"), rs.getString("reason"),
                rs.getString("source_topic"), rs.getInt("source_partition"), rs.getLong("source_offset"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("resolved_at")),
                rs.getString("resolution"));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

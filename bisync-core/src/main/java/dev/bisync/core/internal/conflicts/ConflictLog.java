package dev.bisync.core.internal.conflicts;

import dev.bisync.api.RowImage;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.core.internal.resolve.DecidedConflict;
import dev.bisync.core.internal.tables.OwnTable;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes each conflict a lane decides, with both images, the target's row, the strategy and the decision, to the
 * target side's {@code bisync_conflicts} table, inside the batch's transaction: the record commits exactly when the
 * decision takes effect. A parked conflict has status {@code parked} until a person resolves it; every other one
 * is {@code decided}. Used by one lane thread.
 */
public final class ConflictLog {

    /** The conflicts table's name, in each side's namespace. */
    public static final String TABLE = OwnTable.CONFLICTS.name();
    /** The columns a record is inserted with, in the order {@link #add} binds them. */
    private static final List<String> RECORDED = List.of("lane", "source_side", "target_side", "source_table",
            "target_table", "operation", "row_key", "before_image", "incoming_image", "target_image", "merged_image",
            "strategy", "decision", "status", "reason", "source_topic", "source_partition", "source_offset",
            "source_position");
    static final String PARKED = "parked";
    static final String DECIDED = "decided";
    static final String RESOLVED = "resolved";

    private final String insertSql;
    private final String lane;
    private final Supplier<StatementCache> statements;
    private PreparedStatement pending;

    public ConflictLog(Dialect dialect, String namespace, String lane, Supplier<StatementCache> statements) {
        this.insertSql = OwnTable.CONFLICTS.insertSql(dialect, namespace, RECORDED, false);
        this.lane = lane;
        this.statements = statements;
    }

    /** Creates a side's conflicts table if it is missing. */
    public static void createTable(Dialect dialect, String namespace, Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(OwnTable.CONFLICTS.createSql(dialect, namespace));
        }
    }

    /** The conflicts table of {@code namespace}, quoted for SQL. */
    public static String qualified(Dialect dialect, String namespace) {
        return OwnTable.CONFLICTS.qualified(dialect, namespace);
    }

    /** Adds one record to the batch's pending inserts. */
    public void add(DecidedConflict decided, MappedChange change, String topic, int partition, long offset)
            throws SQLException {
        Conflict c = decided.conflict();
        LinkedHashMap<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < change.keyValues().length; i++) {
            key.put(change.route().keyColumns().get(i).name(), change.keyValues()[i]);
        }
        ConflictDecision d = decided.decision();
        PreparedStatement ps = statements.get().get(insertSql);
        ps.setString(1, lane);
        ps.setString(2, c.sourceSide());
        ps.setString(3, c.targetSide());
        ps.setString(4, c.event().table().toString());
        ps.setString(5, change.route().target().id().toString());
        ps.setString(6, c.event().operation().name().toLowerCase());
        ps.setString(7, RowImageJson.write(RowImage.wrap(key)));
        ps.setString(8, RowImageJson.write(c.before()));
        ps.setString(9, RowImageJson.write(c.incoming()));
        ps.setString(10, RowImageJson.write(c.target()));
        ps.setString(11, RowImageJson.write(d.merged()));
        ps.setString(12, truncate(decided.strategy(), 1000));
        ps.setString(13, d.outcome().name().toLowerCase());
        ps.setString(14, d.outcome() == ConflictDecision.Outcome.PARK ? PARKED : DECIDED);
        ps.setString(15, d.reason());
        ps.setString(16, topic);
        ps.setInt(17, partition);
        ps.setLong(18, offset);
        ps.setString(19, truncate(c.event().position().text(), 200));
        ps.addBatch();
        pending = ps;
    }

    /** Writes the pending records (inside the caller's transaction). */
    public void flush() throws SQLException {
        if (pending != null) {
            PreparedStatement ps = pending;
            pending = null;
            ps.executeBatch();
        }
    }

    /** Drops the pending records (the batch is being rolled back). */
    public void discard() {
        if (pending != null) {
            try {
                pending.clearBatch();
            } catch (SQLException ignored) {
                // the statement's connection is gone: nothing is pending on it any more
            }
            pending = null;
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}

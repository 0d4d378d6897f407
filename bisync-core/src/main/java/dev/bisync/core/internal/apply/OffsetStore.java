package dev.bisync.core.internal.apply;

import dev.bisync.core.internal.tables.OwnTable;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.spi.dialect.Dialect;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lane's consumed offsets, kept in the target database ({@code bisync_offsets}) and written in the same
 * transaction as the rows they produced: after a crash the lane resumes from the database's own record, so each
 * change is applied exactly once in effect.
 */
public final class OffsetStore {

    /** The offsets table's name, in the target side's namespace. */
    public static final String TABLE = OwnTable.OFFSETS.name();

    private final String lane;
    private final Supplier<StatementCache> statements;
    private final String storeSql;
    private final String loadSql;

    public OffsetStore(Dialect dialect, String namespace, String lane, Supplier<StatementCache> statements) {
        this.lane = lane;
        this.statements = statements;
        this.storeSql = OwnTable.OFFSETS.insertSql(dialect, namespace, List.of("lane", "topic", "kafka_partition",
                "next_offset"), true);
        this.loadSql = "SELECT topic, kafka_partition, next_offset FROM "
                + OwnTable.OFFSETS.qualified(dialect, namespace) + " WHERE lane = ?";
    }

    /** Creates a side's offsets table if it is missing. */
    public static void createTable(Dialect dialect, String namespace, Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(OwnTable.OFFSETS.createSql(dialect, namespace));
        }
    }

    /** Records the next offset to consume for each partition (inside the caller's transaction). */
    public void store(Map<TopicPartition, Long> nextOffsets) throws SQLException {
        if (nextOffsets.isEmpty()) {
            return;
        }
        PreparedStatement ps = statements.get().get(storeSql);
        for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
            ps.setString(1, lane);
            ps.setString(2, e.getKey().topic());
            ps.setInt(3, e.getKey().partition());
            ps.setLong(4, e.getValue());
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** The stored next offsets of these partitions; partitions never stored are absent. */
    public Map<TopicPartition, Long> load(Connection connection, Collection<TopicPartition> partitions)
            throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(loadSql)) {
            ps.setString(1, lane);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TopicPartition tp = new TopicPartition(rs.getString(1), rs.getInt(2));
                    if (partitions.contains(tp)) {
                        offsets.put(tp, rs.getLong(3));
                    }
                }
            }
        }
        return offsets;
    }
}

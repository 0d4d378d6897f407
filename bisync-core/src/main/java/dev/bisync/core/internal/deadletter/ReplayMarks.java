package dev.bisync.core.internal.deadletter;

import dev.bisync.api.TableId;
import dev.bisync.core.internal.tables.OwnTable;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which dead-lettered records a lane has re-applied, kept in the target database ({@code bisync_replayed}), written
 * in the same transaction as the replayed rows, by the record's <em>original</em> topic, partition and offset. So a
 * record is re-applied once however often it is replayed, and however many copies of it the dead-letter topic holds
 * (a batch retried after its dead letters were sent sends them again). The SQL is the same on PostgreSQL and
 * MySQL/MariaDB; identifiers are quoted by the dialect.
 */
public final class ReplayMarks {

    /** The table's name, in the target side's namespace. */
    public static final String TABLE = OwnTable.REPLAYED.name();

    /** A record's place in its source topic. */
    public record Original(String topic, int partition, long offset) {
    }

    private final String lane;
    private final Supplier<StatementCache> statements;
    private final String insert;
    private final String select;

    public ReplayMarks(Dialect dialect, String namespace, String lane, Supplier<StatementCache> statements) {
        this.lane = lane;
        this.statements = statements;
        String table = qualified(dialect, namespace);
        this.insert = OwnTable.REPLAYED.insertSql(dialect, namespace, List.of("lane", "topic", "kafka_partition",
                "kafka_offset"), false);
        this.select = "SELECT topic, kafka_partition, kafka_offset FROM " + table + " WHERE lane = ?";
    }

    private static String qualified(Dialect dialect, String namespace) {
        return OwnTable.REPLAYED.qualified(dialect, namespace);
    }

    /** Creates the table in the target side's namespace if it is missing. */
    public static void createTable(Dialect dialect, String namespace, Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(OwnTable.REPLAYED.createSql(dialect, namespace));
        }
    }

    /** The records of this lane replayed so far. */
    public Set<Original> load(Connection connection) throws SQLException {
        Set<Original> replayed = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(select)) {
            ps.setString(1, lane);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    replayed.add(new Original(rs.getString(1), rs.getInt(2), rs.getLong(3)));
                }
            }
        }
        return replayed;
    }

    /** Marks records as replayed, inside the caller's transaction. */
    public void store(Collection<Original> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        PreparedStatement ps = statements.get().get(insert);
        for (Original r : records) {
            ps.setString(1, lane);
            ps.setString(2, r.topic());
            ps.setInt(3, r.partition());
            ps.setLong(4, r.offset());
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** The table, for messages. */
    public static TableId table(String namespace) {
        return new TableId(namespace, TABLE);
    }
}

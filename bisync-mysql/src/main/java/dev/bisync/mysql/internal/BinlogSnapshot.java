package dev.bisync.mysql.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.dialect.BulkLoader;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.InitialCopy;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The consistent snapshot an initial copy reads a table in, and the binlog position it sits at; the bulk path is
 * {@link MySqlLoadDataLoader}.
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} makes MariaDB report, in {@code Binlog_snapshot_file} and
 * {@code Binlog_snapshot_position}, the binlog position up to which committed transactions are in the snapshot:
 * a transaction whose events start before it is held, one that starts at or after it is not.
 *
 * <p>A captured change's {@code SourcePosition.transactionOrder()} is, for this connector, the binlog file's number
 * &lt;&lt; 40 | the position where its transaction starts (bisync-core's decoder); the mark is compared in the same
 * encoding.
 */
final class BinlogSnapshot implements InitialCopy {

    static final BinlogSnapshot COPY = new BinlogSnapshot();

    private static final int BINLOG_POSITION_BITS = 40;

    private BinlogSnapshot() {
    }

    /** Begins the snapshot transaction (UTC session) and returns its mark, {@code <binlog file>:<position>}. */
    @Override
    public String beginSnapshotRead(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            String file = null;
            long position = -1;
            try (ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                while (rs.next()) {
                    switch (rs.getString(1).toLowerCase()) {
                        case "binlog_snapshot_file" -> file = rs.getString(2);
                        case "binlog_snapshot_position" -> position = Long.parseLong(rs.getString(2));
                        default -> { }
                    }
                }
            }
            if (file == null || file.isEmpty() || position < 0) {
                throw new SQLException("the server reports no Binlog_snapshot_file/Binlog_snapshot_position "
                        + "(MariaDB with the binlog on does): an initial copy from it cannot be handed over to "
                        + "streaming exactly");
            }
            return file + ":" + position;
        }
    }

    /** Accepts the changes whose transaction starts before the mark's binlog position. */
    @Override
    public Predicate<ChangeEvent> snapshotHolds(String mark) {
        int colon = mark.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a binlog snapshot mark (<file>:<position>): '" + mark + "'");
        }
        long order = (binlogNumber(mark.substring(0, colon)) << BINLOG_POSITION_BITS)
                | Long.parseLong(mark.substring(colon + 1));
        return event -> event.position().transactionOrder() < order;
    }

    private static long binlogNumber(String file) {
        String digits = file.substring(file.lastIndexOf('.') + 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("binlog file name without a number: '" + file + "'");
        }
        return Long.parseLong(digits);
    }

    /**
     * {@code LOAD DATA LOCAL INFILE} ({@link MySqlLoadDataLoader}), when the connection was opened with
     * {@code allowLoadLocalInfile=true} and the server's {@code local_infile} is ON.
     */
    @Override
    public Optional<BulkLoader> bulkLoader(Connection connection, TableMetadata table, List<ColumnMetadata> columns)
            throws SQLException {
        return MySqlLoadDataLoader.on(connection, table, columns);
    }
}

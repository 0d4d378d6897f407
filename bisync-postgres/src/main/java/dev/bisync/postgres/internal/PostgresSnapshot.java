package dev.bisync.postgres.internal;

import dev.bisync.api.ChangeEvent;
import dev.bisync.spi.dialect.BulkLoader;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.InitialCopy;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The consistent snapshot an initial copy reads a table in, marked by the transactions it holds: in a
 * {@code REPEATABLE READ} transaction every query sees the snapshot {@code pg_current_snapshot()} returns,
 * {@code xmin:xmax:xip,...}. A transaction is held exactly when it is visible in that snapshot (the rule of
 * {@code pg_visible_in_snapshot}): its id is below {@code xmin}, or below {@code xmax} and not in the in-progress
 * list. The connector's {@code source.txId} (the change's transaction id) is tested against it; a 32-bit xid is
 * widened with the epoch of {@code xmax}.
 *
 * <p>The mark also holds the WAL insert position read right after the snapshot was taken
 * ({@code xmin:xmax:xip,...@0/16B3748}). A change whose {@code SourcePosition.transactionOrder()} (bisync-core's
 * decoder: the commit end LSN of the transaction streamed before it, or its own LSN for a slot's first) lies beyond
 * it was committed after the snapshot, whatever its xid: so the xid test only ever judges transactions around the
 * snapshot, and ids that wrapped around long after it are never taken for old ones.
 */
final class PostgresSnapshot implements InitialCopy {

    static final PostgresSnapshot COPY = new PostgresSnapshot();

    private static final long XID_SPAN = 1L << 32;

    private PostgresSnapshot() {
    }

    /** Begins the snapshot transaction (UTC session) and returns its mark, {@code xmin:xmax:xip,...@lsn}. */
    @Override
    public String beginSnapshotRead(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            s.execute("SET TRANSACTION READ ONLY");
            try (ResultSet rs = s.executeQuery("SELECT pg_current_snapshot()::text, pg_current_wal_lsn()::text")) {
                rs.next();
                return rs.getString(1) + "@" + rs.getString(2);
            }
        }
    }

    /** Accepts the changes whose transaction the snapshot {@code mark} holds. */
    @Override
    public Predicate<ChangeEvent> snapshotHolds(String mark) {
        int at = mark.indexOf('@');
        String[] parts = mark.substring(0, at < 0 ? mark.length() : at).split(":", -1);
        if (parts.length != 3 || at < 0) {
            throw new IllegalArgumentException("not a PostgreSQL snapshot mark (xmin:xmax:xip,...@lsn): '" + mark
                    + "'");
        }
        long after = lsn(mark.substring(at + 1));
        long xmin = Long.parseLong(parts[0]);
        long xmax = Long.parseLong(parts[1]);
        long[] inProgress = parts[2].isEmpty() ? new long[0]
                : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).sorted().toArray();
        return event -> {
            if (event.position().transactionOrder() > after) {
                return false;
            }
            if (event.transactionId() == null) {
                throw new IllegalStateException("change of " + event.table() + " at " + event.position()
                        + " has no source.txId: cannot tell whether the initial copy holds it");
            }
            long xid = widen(Long.parseLong(event.transactionId()), xmax);
            return xid < xmin || (xid < xmax && Arrays.binarySearch(inProgress, xid) < 0);
        };
    }

    /** An LSN from its text form, {@code 0/16B3748}. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an LSN: '" + text + "'");
        }
        return Long.parseLong(text.substring(0, slash), 16) << 32 | Long.parseLong(text.substring(slash + 1), 16);
    }

    /** A 32-bit xid as the 64-bit id nearest to {@code reference}. */
    static long widen(long xid, long reference) {
        if (xid >= XID_SPAN) {
            return xid;
        }
        long wide = (reference & ~(XID_SPAN - 1)) | xid;
        if (wide - reference > XID_SPAN / 2) {
            wide -= XID_SPAN;
        } else if (reference - wide > XID_SPAN / 2) {
            wide += XID_SPAN;
        }
        return wide;
    }

    /** {@code COPY ... FROM STDIN} through pgjdbc's {@code CopyManager} ({@link PostgresCopyLoader}). */
    @Override
    public Optional<BulkLoader> bulkLoader(Connection connection, TableMetadata table, List<ColumnMetadata> columns)
            throws SQLException {
        return Optional.of(PostgresCopyLoader.on(connection, table, columns));
    }
}

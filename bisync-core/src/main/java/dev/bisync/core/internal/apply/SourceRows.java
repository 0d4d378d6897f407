package dev.bisync.core.internal.apply;

import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.RowImage;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.conflicts.ConflictLog;
import dev.bisync.core.internal.conflicts.RowImageJson;
import dev.bisync.core.internal.source.SourceSession;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.ColumnReader;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads single rows from a lane's <em>source</em> database, by the values of some of their columns, as the initial
 * copy reads them ({@link dev.bisync.spi.dialect.RowStatements#selectExpression}, {@link dev.bisync.spi.dialect.ValueCodecs#copyReader}, in the copy's session: {@link
 * dev.bisync.spi.dialect.InitialCopy#beginSnapshotRead}, UTC, each read a read-only transaction of its own): the rows a foreign-key conflict
 * settled by "the insert wins" restores on the target. Rare (conflicts only), so it keeps one auto-commit,
 * read-only connection, opened on first use; the statement and readers are made once per table and column set. A
 * failure to reach the source is transient ({@link SQLTransientConnectionException}: the lane tries the batch
 * again). Used by one lane thread.
 */
public final class SourceRows implements AutoCloseable {

    private final SourceSession source;
    private final Dialect dialect;
    private final String side;
    private final String namespace;
    private PreparedStatement kept;
    private final Map<String, Read> reads = new HashMap<>();
    private final Map<TableId, List<String>> columns = new HashMap<>();

    private record Read(TableMetadata table, List<ColumnMetadata> by, ColumnReader[] readers, PreparedStatement ps) {
    }

    /**
     * @param side      the source side's name, for messages
     * @param namespace the source's namespace, where the other lane keeps its {@code bisync_conflicts}
     */
    public SourceRows(DatabaseConfig database, Dialect dialect, String side, String namespace) {
        this.source = new SourceSession(database, dialect);
        this.dialect = dialect;
        this.side = side;
        this.namespace = namespace;
    }

    /**
     * Whether the other lane (the one writing to this source) recorded, at or after {@code since}, that it kept the
     * row of {@code table} with {@code key} because rows referring to it were added here ("the insert wins",
     * {@code keep_target}): it has then applied everything the other side did to the row before deleting it, so the
     * row read here now is final. {@code since} is the source's commit time of the change that refers to the row (a
     * record of an earlier conflict of the same row does not count); null: any time.
     */
    public boolean keptByOtherLane(TableId table, RowImage key, Instant since) throws SQLException {
        try {
            if (kept == null) {
                kept = source.connection().prepareStatement("SELECT created_at FROM "
                        + ConflictLog.qualified(dialect, namespace)
                        + " WHERE target_table = ? AND row_key = ? AND strategy = ? AND decision = ?");
            }
            kept.setString(1, table.toString());
            kept.setString(2, RowImageJson.write(key));
            kept.setString(3, "foreign key: the insert wins");
            kept.setString(4, "keep_target");
            return source.read(c -> {
                try (ResultSet rs = kept.executeQuery()) {
                    while (rs.next()) {
                        if (since == null || !createdAt(rs).isBefore(since.truncatedTo(ChronoUnit.SECONDS))) {
                            return true;
                        }
                    }
                    return false;
                }
            });
        } catch (SQLException e) {
            close();
            throw new SQLTransientConnectionException("reading the conflicts of side " + side + " failed: "
                    + e.getMessage(), "08006", e);
        }
    }

    /**
     * A conflict record's time: PostgreSQL's {@code timestamptz}; MySQL's and MariaDB's {@code datetime}, written by
     * bisync's writer sessions in UTC.
     */
    private Instant createdAt(ResultSet rs) throws SQLException {
        if (dialect.name().startsWith("PostgreSQL")) {
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
        return rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /** The key of a row {@link #read} returned, in the table's key order. */
    public RowImage keyOf(TableId table, RowImage row) throws SQLException {
        LinkedHashMap<String, Object> key = new LinkedHashMap<>();
        TableMetadata metadata = source.describe(table);
        for (ColumnMetadata c : metadata.keyColumns()) {
            key.put(c.name(), row.get(c.name()));
        }
        return RowImage.wrap(key);
    }

    /**
     * The row of {@code table} whose columns {@code columns} hold {@code values} (canonical values), with every
     * column (source names); null when the source holds no such row, or no such table.
     */
    public RowImage read(TableId table, List<String> columns, Object[] values) throws SQLException {
        try {
            Read read = reads.get(table + "/" + columns);
            if (read == null) {
                read = prepare(table, columns);
                if (read == null) {
                    return null;
                }
                reads.put(table + "/" + columns, read);
            }
            Read prepared = read;
            return source.read(c -> {
                for (int i = 0; i < prepared.by().size(); i++) {
                    dialect.values().binder(table, prepared.by().get(i)).bind(prepared.ps(), i + 1, values[i]);
                }
                try (ResultSet rs = prepared.ps().executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    LinkedHashMap<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < prepared.readers().length; i++) {
                        row.put(prepared.table().columns().get(i).name(), prepared.readers()[i].read(rs, i + 1));
                    }
                    return RowImage.wrap(row);
                }
            });
        } catch (SQLException e) {
            close();
            throw new SQLTransientConnectionException("reading a row of " + table + " from side " + side
                    + " failed: " + e.getMessage(), "08006", e);
        }
    }

    /** The column names of a source table (empty when there is no such table). */
    public List<String> columnNames(TableId table) throws SQLException {
        List<String> names = columns.get(table);
        if (names == null) {
            try {
                TableMetadata metadata = source.describe(table);
                names = metadata == null ? List.of() : metadata.columns().stream().map(ColumnMetadata::name).toList();
            } catch (SQLException e) {
                close();
                throw new SQLTransientConnectionException("reading the columns of " + table + " from side " + side
                        + " failed: " + e.getMessage(), "08006", e);
            }
            columns.put(table, names);
        }
        return names;
    }

    private Read prepare(TableId table, List<String> columns) throws SQLException {
        TableMetadata metadata = source.describe(table);
        if (metadata == null) {
            return null;
        }
        StringJoiner select = new StringJoiner(", ");
        metadata.columns().forEach(c -> select.add(dialect.statements().selectExpression(c)));
        StringJoiner where = new StringJoiner(" AND ");
        List<ColumnMetadata> by = columns.stream().map(metadata::column).toList();
        for (int i = 0; i < by.size(); i++) {
            if (by.get(i) == null) {
                return null; // a column the source table does not have: no such row
            }
            where.add(dialect.statements().quote(by.get(i).name()) + " = ?");
        }
        PreparedStatement ps = source.connection().prepareStatement("SELECT " + select + " FROM "
                + dialect.statements().table(table) + " WHERE " + where);
        return new Read(metadata, by, metadata.columns().stream().map(dialect.values()::copyReader)
                .toArray(ColumnReader[]::new), ps);
    }

    /** Closes the connection (opened again on next use). */
    @Override
    public void close() {
        reads.clear();
        kept = null;
        columns.clear();
        source.close();
    }
}

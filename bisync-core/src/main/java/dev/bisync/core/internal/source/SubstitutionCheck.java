package dev.bisync.core.internal.source;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.config.DatabaseConfig;
import dev.bisync.api.RetriableException;
import dev.bisync.api.RowImage;
import dev.bisync.api.TableId;
import dev.bisync.api.UnrepresentableValue;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.spi.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Finds the changes whose image holds a value that Debezium's MariaDB/MySQL connector sent in place of the one the
 * source holds ({@link StandIn}). Its binlog reader turns a zero date ({@code 0000-00-00}) and a date with a zero month
 * or day into null, a date no calendar holds ({@code 2023-02-31}, which {@code ALLOW_INVALID_DATES} lets in) into the
 * epoch's date (with {@code event.processing.failure.handling.mode=warn}; {@code fail} stops capture), a zero
 * {@code TIMESTAMP} into the epoch; and it maps ENUM and SET members to labels read from the table's definition as
 * the server shows it, with {@code ?} for a character outside the BMP and a backslash still escaped. The PostgreSQL
 * connector reads an interval {@code infinity} as a zero interval. No converter
 * sees the original value, so the lane asks the source: a change whose image holds a candidate (null in a nullable
 * date column, a date on the epoch, a label holding {@code ?} or a backslash, a zero interval) has the source's row
 * read back by key,
 * and is refused when the source refutes it, with the reason naming the source's value and what capture sent.
 *
 * <p>Cost: nothing for tables without such columns; a few map lookups per change otherwise; one source query per
 * batch and table (per bucket of up to 512 keys) only for the changes holding a candidate. Every NULL in a nullable
 * date column is one. Limit: the source is read as it is now, not as it was at the change. A change whose row has
 * since been given a real date (or deleted) is applied as sent (a later change brings the row's state); one that
 * held a real NULL or 1970-01-01 is refused if the row holds a zero or invalid date by the time it is checked (the
 * later change that wrote that date is refused too); a label likewise.
 *
 * <p>Used by one lane's applier thread (or a replayer's thread); it keeps one read-only connection to the source,
 * opened on first use and closed by {@link #close}. A failure to read the source is a {@link RetriableException}:
 * the lane retries the batch (DEGRADED, with the reason) rather than apply a candidate unchecked.
 */
public final class SubstitutionCheck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubstitutionCheck.class);

    private final SourceSession source;
    private final String database;
    /** The source tables the lane syncs: no other name from a record reaches the source, not even its metadata. */
    private final Set<TableId> synced;
    /** The kinds of stand-in the source's connector sends. */
    private final Set<StandIn> kinds;
    private final String side;
    private final String logPrefix;
    private final Map<TableId, CheckedColumns> tables = new HashMap<>();

    private SubstitutionCheck(Dialect dialect, DatabaseConfig database, Set<TableId> synced, Set<StandIn> kinds,
            String side, String logPrefix) {
        this.source = new SourceSession(database, dialect);
        this.database = database.toString();
        this.synced = Set.copyOf(synced);
        this.kinds = kinds;
        this.side = side;
        this.logPrefix = logPrefix;
    }

    /**
     * The check for a lane reading {@code side}'s changes of {@code tables}: dates and labels from MariaDB and MySQL
     * (captured from the binlog), intervals from PostgreSQL ({@link StandIn#BINLOG}, {@link StandIn#POSTGRES}).
     */
    public static SubstitutionCheck of(Dialect sourceDialect, DatabaseConfig source, Set<TableId> tables, String side,
            String logPrefix) {
        return new SubstitutionCheck(sourceDialect, source, tables, sourceDialect.name().startsWith("PostgreSQL")
                ? StandIn.POSTGRES : StandIn.BINLOG, side, logPrefix);
    }

    /** A change with stand-ins, waiting for its row to be read from the source. */
    private record Suspect<T>(T change, ChangeEvent event, List<Integer> columns, RowKey row) {
    }

    /**
     * Checks the changes' images and tells {@code refuse} each change the source refutes, with the reason.
     *
     * @param changes the changes of a batch (any order)
     * @param eventOf the change event of a change
     * @param refuse  called for each change to refuse, with a reason naming the table, key, column, the source's
     *                value, what capture sent and the change's source position
     * @throws RetriableException the source could not be read (the batch should be tried again later)
     */
    public <T> void check(List<T> changes, Function<T, ChangeEvent> eventOf, BiConsumer<T, String> refuse) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            Map<CheckedColumns, List<Suspect<T>>> byTable = new LinkedHashMap<>();
            Map<CheckedColumns, Map<RowKey, Object[]>> keysByTable = new HashMap<>();
            for (T change : changes) {
                ChangeEvent event = eventOf.apply(change);
                RowImage after = event.after();
                if (after == null || event.key().isEmpty() || !synced.contains(event.table())) {
                    continue; // a table the lane does not sync is refused by the router, unread
                }
                CheckedColumns columns = columns(event.table(), after);
                List<Integer> suspicious = columns.suspicious(after);
                if (!suspicious.isEmpty()) {
                    Object[] key = new Object[columns.keys().size()];
                    for (int k = 0; k < key.length; k++) {
                        key[k] = event.key().get(columns.keys().get(k).name());
                    }
                    Map<RowKey, Object[]> keys = keysByTable.computeIfAbsent(columns, d -> new LinkedHashMap<>());
                    keys.putIfAbsent(RowKey.of(key), key); // each row read once
                    byTable.computeIfAbsent(columns, d -> new ArrayList<>())
                            .add(new Suspect<>(change, event, suspicious, RowKey.of(key)));
                }
            }
            for (Map.Entry<CheckedColumns, List<Suspect<T>>> e : byTable.entrySet()) {
                CheckedColumns columns = e.getKey();
                Map<RowKey, Object[]> keys = keysByTable.get(columns);
                List<Object[]> read = columns.read(source.statements(), List.copyOf(keys.values()));
                Map<RowKey, Object[]> rows = new HashMap<>();
                int place = 0;
                for (RowKey key : keys.keySet()) {
                    rows.put(key, read.get(place++)); // null: the source has no such row
                }
                for (Suspect<T> suspect : e.getValue()) {
                    String reason = refutation(columns, suspect, rows.get(suspect.row()));
                    if (reason != null) {
                        refuse.accept(suspect.change(), reason);
                    }
                }
            }
        } catch (SQLException e) {
            close();
            throw new RetriableException("source database " + side + " (" + database + "): cannot read it to check "
                    + "values that capture may have sent in place of the source's: " + e.getMessage() + " (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    /** Why the change is refused: the source holds what capture could not send where it sent a stand-in; or null. */
    private static String refutation(CheckedColumns columns, Suspect<?> suspect, Object[] sourceRow) {
        if (sourceRow == null) {
            return missingKey(columns, suspect); // else the row is gone: its delete follows
        }
        StringBuilder reason = null;
        for (int i : suspect.columns()) {
            String column = columns.column(i).name();
            Object sent = suspect.event().after().get(column);
            StandIn.Refutation refuted = columns.kind(i).refute(sent, sourceRow[i]);
            if (refuted != null) {
                reason = reason == null ? new StringBuilder() : reason.append("; ");
                reason.append("the source holds ").append(refuted.held()).append(" in ").append(columns.table())
                        .append('.').append(column).append(", which Debezium sent as ")
                        .append(sent == null ? "NULL" : sent instanceof String text ? "'" + text + "'" : sent)
                        .append(": ").append(refuted.why());
            }
        }
        if (reason == null) {
            return null;
        }
        return reason.append(" (key ").append(suspect.event().key().values()).append(", source position ")
                .append(suspect.event().position()).append(')').toString();
    }

    /**
     * Why a change whose row the source does not have is refused: a key column holds a stand-in (the row's real key
     * is one capture could not send, so it cannot be read back); null when no key column does (the row was deleted
     * since: its delete follows).
     */
    private static String missingKey(CheckedColumns columns, Suspect<?> suspect) {
        for (int i : suspect.columns()) {
            if (columns.keys().contains(columns.column(i))) {
                String column = columns.column(i).name();
                return "the source holds no row with key " + suspect.event().key().values() + " in "
                        + columns.table() + ": Debezium sent " + suspect.event().after().get(column) + " in the key "
                        + "column " + column + ", in place of a date no target holds (a zero date, or one no calendar "
                        + "holds), or the row was deleted since (source position " + suspect.event().position() + ")";
            }
        }
        return null;
    }

    /** The table's checked columns, described once (again when an image shows a column added since). */
    private CheckedColumns columns(TableId table, RowImage image) throws SQLException {
        CheckedColumns columns = tables.get(table);
        if (columns == null || columns.lacks(image)) {
            columns = CheckedColumns.of(source.describeAfresh(table), source.dialect(), kinds);
            tables.put(table, columns);
            if (columns.lacks(image)) { // a column the source's metadata does not show: not described again
                tables.put(table, columns = CheckedColumns.NONE);
                LOG.warn("{} {} in {} holds columns its metadata does not show: its values are not checked for "
                        + "substitutions by capture", logPrefix, table, side);
            }
        }
        return columns;
    }

    /** Closes the connection to the source, if open; the next check opens another. */
    @Override
    public void close() {
        source.close();
    }
}

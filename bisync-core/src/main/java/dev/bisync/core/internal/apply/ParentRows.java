package dev.bisync.core.internal.apply;

import dev.bisync.api.config.ReferenceRule;
import dev.bisync.api.RowImage;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.apply.ReferencingRows.Reference;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rows a target row refers to by foreign key that the target does not hold (its application deleted them while
 * the source added or moved a row referring to them), and their restoring from the source side when the
 * relationship's rule is {@link ReferenceRule#INSERT_WINS}: each missing row is read from the source database
 * ({@link SourceRows}), mapped as a change of it would be, its own missing parents restored first, and upserted in the
 * lane's transaction (through the lane's writer session, so it does not come back as an echo). The existence checks
 * are built once per foreign key; the foreign keys come from the target's metadata ({@link ReferencingRows}). Used by
 * one lane thread.
 */
public final class ParentRows {

    /** The most rows one restore brings back (a chain of missing parents, followed up). */
    private static final int MAX_ROWS = 64;

    private final Dialect dialect;
    private final Supplier<StatementCache> statements;
    private final ReferencingRows references;
    private final TableRouter router;
    private final SourceRows source;
    private final BatchWriter writer;
    private final Map<Reference, String> exists = new HashMap<>();

    /** A row {@code values} of the parent's columns that {@code reference} points at, missing on the target. */
    public record Missing(Reference reference, Object[] values) {

        /** {@code order_items -> orders (id)=(5)}, for people. */
        @Override
        public String toString() {
            StringJoiner v = new StringJoiner(", ", "(", ")");
            for (Object value : values) {
                v.add(String.valueOf(value));
            }
            return reference.child().name() + " -> " + reference.parent().name() + " ("
                    + String.join(", ", reference.parentColumns()) + ")=" + v;
        }
    }

    /**
     * What a restore did.
     *
     * @param restored  the rows restored per table ({@code namespace.table}), parents first, when it succeeded
     * @param blockedBy the rule that stopped it (a relationship further up is not "insert wins"), or
     *                  {@link ReferenceRule#DELETE_WINS} when the source does not hold the row either; null on success
     *                  or when it waits
     * @param reason    why it stopped or waits, for people; null on success
     * @param waits     whether it waits for the other lane (try again later)
     */
    public record Restore(Map<String, Integer> restored, ReferenceRule blockedBy, String reason, boolean waits) {

        Restore(Map<String, Integer> restored, ReferenceRule blockedBy, String reason) {
            this(restored, blockedBy, reason, false);
        }

        /** Whether every missing row was restored. */
        public boolean done() {
            return blockedBy == null && !waits;
        }
    }

    /**
     * @param source the lane's source database, to read the rows to restore; null when the lane cannot read it (a
     *               restore then stops with "the delete wins")
     */
    public ParentRows(Dialect dialect, Supplier<StatementCache> statements, ReferencingRows references,
            TableRouter router, SourceRows source) {
        this.dialect = dialect;
        this.statements = statements;
        this.references = references;
        this.router = router;
        this.source = source;
        this.writer = new BatchWriter(statements);
    }

    /**
     * The rows of synced tables that {@code row} (a row of {@code table}, target column names; a partial row for an
     * update by changed columns) refers to and the target does not hold; one query per foreign key the row sets.
     */
    public List<Missing> missing(Connection connection, TableId table, RowImage row) throws SQLException {
        List<Missing> missing = new ArrayList<>();
        for (Reference r : references.parents(connection, table)) {
            Object[] values = new Object[r.childColumns().size()];
            boolean set = true;
            for (int i = 0; i < values.length && set; i++) {
                values[i] = row.has(r.childColumns().get(i)) ? row.get(r.childColumns().get(i)) : null;
                set = values[i] != null;
            }
            TableId parentSource = router.sourceOf(r.parent());
            if (!set || parentSource == null) {
                continue; // a NULL reference refers to nothing; an unsynced parent is not the other side's doing
            }
            TableRoute parent = router.route(connection, parentSource);
            PreparedStatement ps = statements.get().get(exists.computeIfAbsent(r, this::existsSql));
            for (int i = 0; i < values.length; i++) {
                ColumnMetadata column = parent.target().column(r.parentColumns().get(i));
                dialect.values().binder(r.parent(), column).bind(ps, i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    missing.add(new Missing(r, values));
                }
            }
        }
        return missing;
    }

    /** The rule of a relationship, for the rows further up. */
    @FunctionalInterface
    public interface RuleOf {
        ReferenceRule of(Reference reference) throws SQLException;
    }

    /**
     * Restores the missing rows from the source, each one's own missing parents first, as long as every relationship
     * on the way is "insert wins" by {@code rule}. On a stop the caller rolls back what was restored.
     *
     * <p>A row is restored as the source holds it once the other lane has kept it there: that lane applies the
     * target side's changes in order, so when it meets the target's delete of the row (refused for the rows the
     * source added: "the insert wins", recorded in the source's {@code bisync_conflicts}) it has applied every change
     * the target made to the row before deleting it. Until then, with {@code mayWait}, the restore {@link
     * Restore#waits() waits} (the lane tries again shortly); without it (the lane waited long enough, or a person
     * resolves the conflict) the row is restored as the source holds it now.
     *
     * @param since the source's commit time of the change that refers to the rows: a record of the other lane older
     *              than it belongs to an earlier conflict of the row and does not count; null: any
     */
    public Restore restore(Connection connection, List<Missing> missing, RuleOf rule, boolean mayWait, Instant since)
            throws SQLException {
        Map<String, Integer> restored = new LinkedHashMap<>();
        Set<String> visiting = new HashSet<>();
        for (Missing m : missing) {
            Restore stop = restore(connection, m, rule, mayWait, since, visiting, restored);
            if (stop != null) {
                return stop;
            }
        }
        return new Restore(restored, null, null);
    }

    private Restore restore(Connection connection, Missing m, RuleOf rule, boolean mayWait, Instant since,
            Set<String> visiting, Map<String, Integer> restored) throws SQLException {
        if (!visiting.add(m.reference().parent() + "/" + java.util.Arrays.toString(m.values()))) {
            return null; // a row referring to itself, or to a row being restored further down: written with it
        }
        if (visiting.size() > MAX_ROWS) {
            return new Restore(null, ReferenceRule.DELETE_WINS, "more than " + MAX_ROWS + " rows would have to be "
                    + "restored, at " + m);
        }
        TableRoute route = router.route(connection, router.sourceOf(m.reference().parent()));
        List<String> sourceColumns = new ArrayList<>();
        for (String parentColumn : m.reference().parentColumns()) {
            String found = sourceColumn(route, parentColumn);
            if (found == null) {
                return new Restore(null, ReferenceRule.DELETE_WINS, "no column of " + route.source()
                        + " maps to " + m.reference().parent() + "." + parentColumn);
            }
            sourceColumns.add(found);
        }
        RowImage sourceRow = source == null ? null : source.read(route.source(), sourceColumns, m.values());
        if (sourceRow == null) {
            return new Restore(null, ReferenceRule.DELETE_WINS, m + " is not in the source either (deleted there "
                    + "too)");
        }
        if (mayWait) {
            if (!source.keptByOtherLane(route.source(), source.keyOf(route.source(), sourceRow), since)) {
                return new Restore(null, null, "waiting for the other lane to meet the delete of " + m
                        + " (it keeps the row, and brings the changes made to it before the delete)", true);
            }
            // read again: the row as it is now that the other lane's keep (and what it applied before) is committed
            sourceRow = source.read(route.source(), sourceColumns, m.values());
            if (sourceRow == null) {
                return new Restore(null, ReferenceRule.DELETE_WINS, m + " is not in the source any more");
            }
        }
        RowImage row = TableRouter.mapRow(route, sourceRow);
        for (Missing up : missing(connection, route.target().id(), row)) {
            ReferenceRule upRule = rule.of(up.reference());
            if (upRule != ReferenceRule.INSERT_WINS) {
                return new Restore(null, upRule, "restoring " + m + " needs " + up + ", and "
                        + up.reference().child().name() + " -> " + up.reference().parent().name() + " is "
                        + upRule.spec());
            }
            Restore stop = restore(connection, up, rule, mayWait, since, visiting, restored);
            if (stop != null) {
                return stop;
            }
        }
        Object[] keyValues = new Object[route.keyColumns().size()];
        for (int i = 0; i < keyValues.length; i++) {
            keyValues[i] = row.get(route.keyColumns().get(i).name());
        }
        writer.writeOne(new Write(0, route, RowKey.of(keyValues), keyValues, row, Write.Kind.UPSERT));
        restored.merge(route.target().id().namespace() + "." + route.target().id().name(), 1, Integer::sum);
        return null;
    }

    /** The source column that lands in {@code targetColumn}, or null. */
    private String sourceColumn(TableRoute route, String targetColumn) throws SQLException {
        if (source == null) {
            return null;
        }
        for (String column : source.columnNames(route.source())) {
            ColumnMetadata mapped = route.targetColumn(column);
            if (mapped != null && mapped.name().equals(targetColumn)) {
                return column;
            }
        }
        return null;
    }

    private String existsSql(Reference r) {
        StringJoiner where = new StringJoiner(" AND ");
        r.parentColumns().forEach(c -> where.add(dialect.statements().quote(c) + " = ?"));
        return "SELECT 1 FROM " + dialect.statements().quote(r.parent().namespace()) + "." + dialect.statements().quote(r.parent().name())
                + " WHERE " + where;
    }

    /** Drops what was read from the metadata (after a schema change). */
    public void forgetAll() {
        exists.clear();
    }
}

package dev.bisync.core.internal.lane;

import dev.bisync.api.RejectedValueException;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.api.config.ReferenceRule;
import dev.bisync.api.RowImage;
import dev.bisync.core.internal.resolve.CurrentRows;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.apply.ParentRows;
import dev.bisync.core.internal.apply.ReferencingRows;
import dev.bisync.core.internal.apply.ReferencingRows.Reference;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.FailureKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.time.Instant;
import java.util.ArrayList;

/**
 * Writes a batch's writes so that a write failing for its own data does not take the others with it: the writes
 * go out under a savepoint; when they fail for the data, they are rolled back to it, split in halves and each
 * half written the same way, until the writes at fault stand alone. The order of the writes is kept, and a batch
 * with k bad rows out of n needs about 2k log2(n) statements more than a clean one.
 */
final class WriteSplitter {

    /**
     * Told of each write that failed alone, and of each foreign-key conflict settled; {@code target} is the target's
     * row the write met (for the conflict record), null when the target had none.
     */
    interface Failures {
        /** The write failed for its own data. */
        void failed(Write write, Exception error);

        /**
         * The write (an insert or update) refers to a row the target does not hold: the target deleted it while the
         * source added this row. Not written: the delete wins.
         */
        void missingReference(Write write, SQLException error);

        /**
         * The delete was refused because target rows refer to the row; they were removed first (the delete wins)
         * and the delete written.
         *
         * @param removed rows removed per table, deepest first
         */
        void removedReferencing(Write write, Map<String, Integer> removed, RowImage target);

        /**
         * The update would make the target's row refer to a row the target deleted; the source removes the row with
         * that one, so the target's row was deleted (after the rows referring to it).
         */
        void removedReferring(Write write, Map<String, Integer> removed, RowImage target);

        /**
         * The write refers to rows the target deleted; the insert wins: they were restored from the source side and
         * the write written.
         *
         * @param restored rows restored per table, parents first
         */
        void restoredReferenced(Write write, Map<String, Integer> restored);

        /**
         * The delete was refused for rows the target added referring to the row; the insert wins: not written (the
         * other lane restores the row on the source side).
         *
         * @param relationships the foreign keys by which target rows refer to it
         */
        void keptReferenced(Write write, String relationships, RowImage target);

        /** The foreign-key conflict is parked for a person to settle ({@code bisync conflicts}); nothing written. */
        void parkedReference(Write write, String reason, RowImage target);
    }

    private final BatchWriter writer;
    private final Dialect dialect;
    private final ReferencingRows referencing;
    private final ParentRows parents;
    private final BiFunction<String, String, ReferenceRule> rules;
    private final CurrentRows current;
    private final Function<Write, Instant> committedAt;

    /**
     * @param rules       the rule of a relationship, by child and parent table name ({@link
     *                    dev.bisync.api.config.SyncConfig#referenceRule})
     * @param current     reads the target's row a conflicting write meets, for the conflict record
     * @param committedAt the source's commit time of the change a write comes from
     */
    WriteSplitter(BatchWriter writer, Dialect dialect, ReferencingRows referencing, ParentRows parents,
            BiFunction<String, String, ReferenceRule> rules, CurrentRows current,
            Function<Write, Instant> committedAt) {
        this.writer = writer;
        this.dialect = dialect;
        this.referencing = referencing;
        this.parents = parents;
        this.rules = rules;
        this.current = current;
        this.committedAt = committedAt;
    }

    /**
     * Writes all, in order, inside the caller's transaction.
     *
     * @param mayWait whether a foreign-key violation is answered with {@link MissingReferenceException} (the
     *                caller waits for the rest of the source transaction) rather than by splitting; a write that
     *                still breaks a foreign key alone is a foreign-key conflict, settled by the relationship's rule, when
     *                {@code referenceConflicts} (the batch holds whole source transactions), else it failed
     * @throws SQLException a failure that is not the data's (transient or fatal)
     */
    void write(Connection connection, List<Write> writes, boolean mayWait, boolean referenceConflicts,
            Failures failures) throws SQLException, MissingReferenceException {
        write(connection, writes, mayWait, referenceConflicts, mayWait, failures);
    }

    /**
     * As above; {@code restoreMayWait}: whether a row restored for "the insert wins" may wait for the other lane
     * ({@link ParentRows#restore}), answered with {@link MissingReferenceException} (the caller tries again shortly,
     * for at most its foreign-key wait).
     */
    void write(Connection connection, List<Write> writes, boolean mayWait, boolean referenceConflicts,
            boolean restoreMayWait, Failures failures) throws SQLException, MissingReferenceException {
        if (writes.isEmpty()) {
            return;
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            writer.write(writes);
            connection.releaseSavepoint(savepoint);
            return;
        } catch (SQLException | RejectedValueException e) {
            if (e instanceof SQLException sql && dialect.failures().classify(sql) != FailureKind.PERMANENT) {
                throw sql;
            }
            if (mayWait && e instanceof SQLException sql && dialect.failures().isMissingReference(sql)) {
                throw new MissingReferenceException(sql);
            }
            connection.rollback(savepoint);
            if (writes.size() == 1) {
                if (referenceConflicts && e instanceof SQLException sql && dialect.failures().isMissingReference(sql)) {
                    settleReference(connection, writes.get(0), sql, restoreMayWait, failures);
                } else {
                    failures.failed(writes.get(0), e);
                }
                return;
            }
        }
        int half = writes.size() / 2;
        write(connection, writes.subList(0, half), mayWait, referenceConflicts, restoreMayWait, failures);
        write(connection, writes.subList(half, writes.size()), mayWait, referenceConflicts, restoreMayWait, failures);
    }

    /**
     * A write that breaks a foreign key alone: a foreign-key conflict, settled by the rule of the parent table
     * involved ({@link #parentRule}).
     */
    private void settleReference(Connection connection, Write write, SQLException error, boolean restoreMayWait,
            Failures failures) throws SQLException, MissingReferenceException {
        TableId table = write.route().target().id();
        RowImage held = write.kind() == Write.Kind.INSERT ? null : current.one(write.route(), write.keyValues());
        if (write.isDelete()) {
            List<Reference> referring = referencing.referring(connection, write);
            ReferenceRule rule = parentRule(connection, table);
            String relationships = referring.stream().map(r -> r.child().name() + " -> " + r.parent().name())
                    .distinct().toList().toString();
            switch (rule) {
                case INSERT_WINS -> failures.keptReferenced(write, relationships, held);
                case PARK -> failures.parkedReference(write, "rows that the target added refer to it ("
                        + relationships + ", rule park)", held);
                default -> deleteWins(connection, write, held, failures);
            }
            return;
        }
        // an update by changed columns carries only those: the rest of a foreign key is the target row's
        RowImage row = held == null || write.kind() != Write.Kind.UPDATE ? write.row() : overlay(held, write.row());
        List<ParentRows.Missing> missing = parents.missing(connection, table, row);
        List<ReferenceRule> found = new ArrayList<>();
        for (ParentRows.Missing m : missing) {
            found.add(parentRule(connection, m.reference().parent()));
        }
        ReferenceRule rule = strictest(found);
        String why = missing.isEmpty() ? "" : missing.toString();
        if (rule == ReferenceRule.INSERT_WINS) {
            Savepoint savepoint = connection.setSavepoint();
            ParentRows.Restore restore;
            try {
                restore = parents.restore(connection, missing, r -> parentRule(connection, r.parent()),
                        restoreMayWait, committedAt.apply(write));
            } catch (SQLException | RuntimeException e) {
                // the restore's own write failed for its data (a value the target cannot hold, a unique key, the
                // host's mapper): this change's failure, tried again per eventAttempts, then dead-lettered
                if (e instanceof SQLException sql && dialect.failures().classify(sql) != FailureKind.PERMANENT) {
                    throw sql;
                }
                connection.rollback(savepoint);
                failures.failed(write, e);
                return;
            }
            if (restore.waits()) {
                connection.rollback(savepoint);
                throw new MissingReferenceException(new SQLException(restore.reason()));
            }
            if (restore.done()) {
                try {
                    writer.write(List.of(write));
                    connection.releaseSavepoint(savepoint);
                    failures.restoredReferenced(write, restore.restored());
                } catch (SQLException | RejectedValueException e) {
                    if (e instanceof SQLException sql && dialect.failures().classify(sql) != FailureKind.PERMANENT) {
                        throw sql;
                    }
                    connection.rollback(savepoint);
                    failures.failed(write, e);
                }
                return;
            }
            connection.rollback(savepoint);
            rule = restore.blockedBy();
            why = why + ": " + restore.reason();
        }
        if (rule == ReferenceRule.PARK) {
            failures.parkedReference(write, "it refers to rows the target deleted: " + why + " (rule park)", held);
        } else if (write.kind() == Write.Kind.INSERT) {
            failures.missingReference(write, error);
        } else {
            // an update of a row the target holds that now refers to a row the target deleted: the source side
            // removes the row with that row (the delete wins), so it goes
            deleteWins(connection, write, held, failures);
        }
    }

    /**
     * The rule of a parent table: the strictest (park, then insert wins, then delete wins) of the rules configured for
     * the relationships into it, from the target's foreign keys. One rule per parent, whichever of its child tables a
     * conflict comes through, so that both lanes decide alike whatever order the changes of different child tables
     * meet in.
     */
    private ReferenceRule parentRule(Connection connection, TableId parent) throws SQLException {
        List<ReferenceRule> configured = new ArrayList<>();
        for (Reference r : referencing.references(connection, parent)) {
            configured.add(rules.apply(r.child().name(), r.parent().name()));
        }
        return strictest(configured);
    }

    private static RowImage overlay(RowImage base, RowImage changed) {
        java.util.LinkedHashMap<String, Object> row = new java.util.LinkedHashMap<>(base.values());
        row.putAll(changed.values());
        return RowImage.wrap(row);
    }

    /** Drops the foreign keys read from the target's metadata (after a failure whose cause may be a schema change). */
    void forgetAll() {
        referencing.forgetAll();
        parents.forgetAll();
    }

    private static ReferenceRule strictest(List<ReferenceRule> rules) {
        return rules.contains(ReferenceRule.PARK) ? ReferenceRule.PARK
                : rules.contains(ReferenceRule.INSERT_WINS) ? ReferenceRule.INSERT_WINS : ReferenceRule.DELETE_WINS;
    }

    /**
     * The delete wins: a delete removes the target rows referring to the row first; an update that refers to a row
     * the target deleted removes its row (and the rows referring to it).
     */
    private void deleteWins(Connection connection, Write write, RowImage held, Failures failures)
            throws SQLException {
        Write delete = write.isDelete() ? write : new Write(write.change(), write.route(), write.key(),
                write.keyValues(), null, Write.Kind.DELETE);
        Savepoint savepoint = connection.setSavepoint();
        try {
            Map<String, Integer> removed = referencing.removeReferencing(connection, delete);
            writer.write(List.of(delete));
            connection.releaseSavepoint(savepoint);
            if (write.isDelete()) {
                failures.removedReferencing(write, removed, held);
            } else {
                failures.removedReferring(write, removed, held);
            }
        } catch (SQLException e) {
            if (dialect.failures().classify(e) != FailureKind.PERMANENT) {
                throw e;
            }
            connection.rollback(savepoint);
            failures.failed(write, e);
        }
    }
}

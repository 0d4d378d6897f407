package dev.bisync.core.internal.resolve;

import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.ConflictStrategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides, for each change of a batch in source commit order, whether to write it: skips it when the target
 * already holds its values, and asks the table's {@link ConflictStrategy} when the target row is not what the
 * change expects (an update or delete whose before-image differs from the target row, an insert of a key the
 * target has with other values). Tracks each row's state through the batch, so that later changes to the same
 * row are judged against what earlier ones leave. Used by one lane thread.
 */
public final class BatchResolver {

    private final CurrentRows currentRows;
    private final Function<String, ConflictStrategy> strategies;
    private final String sourceSide;
    private final String targetSide;
    private final boolean sourceHasPriority;

    /**
     * @param strategies the conflict strategy for a source table name
     */
    public BatchResolver(CurrentRows currentRows, Function<String, ConflictStrategy> strategies, String sourceSide,
            String targetSide, boolean sourceHasPriority) {
        this.currentRows = currentRows;
        this.strategies = strategies;
        this.sourceSide = sourceSide;
        this.targetSide = targetSide;
        this.sourceHasPriority = sourceHasPriority;
    }

    /** Resolves the batch; reads the target's current rows (one query per table and key bucket). */
    public Resolution resolve(Connection connection, List<MappedChange> changes) throws SQLException {
        Map<Object, RowImage> state = currentRows.load(connection, changes);
        List<Write> writes = new ArrayList<>();
        Verdict[] verdicts = new Verdict[changes.size()];
        String[] failures = new String[changes.size()];
        List<DecidedConflict> conflicts = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            MappedChange change = changes.get(i);
            Object rowId = CurrentRows.rowId(change);
            RowImage current = state.get(rowId);
            RowImage wanted = change.incoming();
            if (change.isDelete() ? current == null : current != null && matches(wanted, current)) {
                verdicts[i] = Verdict.SKIP_EQUAL;
                continue;
            }
            if (conflicts(change, current)) {
                Conflict conflict = new Conflict(change.event(), wanted, current, sourceSide, targetSide,
                        sourceHasPriority);
                ConflictDecision decision;
                try {
                    decision = decide(change, conflict);
                } catch (RuntimeException e) {
                    verdicts[i] = Verdict.FAILED;
                    failures[i] = "conflict strategy for " + change.event().table() + " failed: " + e;
                    continue;
                }
                conflicts.add(new DecidedConflict(i, conflict, decision));
                switch (decision.outcome()) {
                    case KEEP_TARGET -> {
                        verdicts[i] = Verdict.KEEP_TARGET;
                        continue;
                    }
                    case PARK -> {
                        verdicts[i] = Verdict.PARK;
                        continue;
                    }
                    case MERGE -> wanted = decision.merged();
                    default -> { } // APPLY
                }
            }
            verdicts[i] = Verdict.WRITE;
            RowImage after = wanted == null ? null : overlay(current, wanted);
            writes.add(new Write(i, change.route(), change.key(), change.keyValues(), wanted));
            state.put(rowId, after);
        }
        return new Resolution(writes, verdicts, failures, conflicts);
    }

    private boolean conflicts(MappedChange change, RowImage current) {
        Operation op = change.event().operation();
        if (op == Operation.CREATE || op == Operation.READ) {
            return current != null; // present with other values (equal ones were skipped)
        }
        if (change.before() == null) {
            return false; // the source logged no before-image: nothing to compare
        }
        return current == null || !matches(change.before(), current);
    }

    private ConflictDecision decide(MappedChange change, Conflict conflict) {
        ConflictDecision decision = strategies.apply(change.event().table().name()).resolve(conflict);
        if (decision == null) {
            throw new IllegalStateException("conflict strategy for " + change.event().table() + " returned null");
        }
        if (decision.outcome() == ConflictDecision.Outcome.ABSTAIN) {
            decision = ConflictStrategy.sidePriority().resolve(conflict); // every chain ends in a decision
        }
        return decision;
    }

    /** Whether every column of {@code expected} holds the same value in {@code actual}. */
    static boolean matches(RowImage expected, RowImage actual) {
        for (Map.Entry<String, Object> e : expected.values().entrySet()) {
            if (!CanonicalValues.equal(e.getValue(), actual.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static RowImage overlay(RowImage current, RowImage wanted) {
        if (current == null || wanted.size() == current.size()) {
            return wanted;
        }
        LinkedHashMap<String, Object> row = new LinkedHashMap<>(current.values());
        row.putAll(wanted.values());
        return RowImage.wrap(row);
    }
}

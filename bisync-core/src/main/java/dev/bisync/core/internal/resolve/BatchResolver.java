package dev.bisync.core.internal.resolve;

import dev.bisync.api.config.ReferenceRule;
import dev.bisync.api.RowImage;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.ConflictDetection;
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
    private final Function<String, ConflictDetection> detections;
    private final String sourceSide;
    private final String targetSide;
    private final boolean sourceHasPriority;

    /**
     * @param strategies the conflict strategy for a source table name
     * @param detections the conflict detection for a source table name
     */
    public BatchResolver(CurrentRows currentRows, Function<String, ConflictStrategy> strategies,
            Function<String, ConflictDetection> detections, String sourceSide, String targetSide,
            boolean sourceHasPriority) {
        this.currentRows = currentRows;
        this.strategies = strategies;
        this.detections = detections;
        this.sourceSide = sourceSide;
        this.targetSide = targetSide;
        this.sourceHasPriority = sourceHasPriority;
    }

    /** The name of the side the lane writes to. */
    public String targetSide() {
        return targetSide;
    }

    /** The name of the side the lane reads from. */
    public String sourceSide() {
        return sourceSide;
    }

    /** Resolves the batch; reads the target's current rows (one query per table and key bucket). */
    public Resolution resolve(Connection connection, List<MappedChange> changes) throws SQLException {
        Map<Object, RowImage> state = currentRows.load(connection, changes);
        List<Write> writes = new ArrayList<>();
        Verdict[] verdicts = new Verdict[changes.size()];
        String[] failures = new String[changes.size()];
        List<DecidedConflict> conflicts = new ArrayList<>();
        boolean partial = false;
        for (int i = 0; i < changes.size(); i++) {
            MappedChange change = changes.get(i);
            Object rowId = CurrentRows.rowId(change);
            RowImage current = state.get(rowId);
            RowImage wanted = change.incoming();
            if (change.isDelete() ? current == null : current != null && ConflictJudge.matches(wanted, current)) {
                verdicts[i] = Verdict.SKIP_EQUAL;
                continue;
            }
            String table = change.event().table().name();
            try {
                ConflictDetection detection = detections.apply(table);
                partial = false;
                if (!ConflictJudge.conflicts(detection, change.event().operation(), change.before(), wanted,
                        current)) {
                    if (detection.method() == ConflictDetection.Method.CHANGED_COLUMNS && current != null
                            && wanted != null && change.before() != null) {
                        wanted = changedColumns(change, wanted); // leave the columns the target changed alone
                        partial = true;
                    }
                } else {
                    ConflictStrategy strategy = strategies.apply(table);
                    Conflict conflict = ConflictJudge.conflict(change.event(), wanted, change.before(), current,
                            sourceSide, targetSide, sourceHasPriority);
                    ConflictDecision decision = ConflictJudge.decide(strategy, conflict);
                    boolean deleteRace = ConflictJudge.isDeleteRace(conflict)
                            && decision.outcome() != ConflictDecision.Outcome.PARK;
                    conflicts.add(new DecidedConflict(i, conflict, deleteRace ? "delete wins" : strategy.toString(),
                            decision));
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
            } catch (RuntimeException e) {
                verdicts[i] = Verdict.FAILED;
                failures[i] = "conflict resolution for " + change.event().table() + " failed: " + e.getMessage();
                continue;
            }
            if (wanted != null && current != null && ConflictJudge.matches(wanted, current)) {
                verdicts[i] = Verdict.SKIP_EQUAL; // a merge that leaves the target row as it is
                continue;
            }
            verdicts[i] = Verdict.WRITE;
            RowImage after = wanted == null ? null : overlay(current, wanted);
            Write.Kind kind = wanted == null ? Write.Kind.DELETE : partial ? Write.Kind.UPDATE
                    : current == null ? Write.Kind.INSERT : Write.Kind.UPSERT;
            writes.add(new Write(i, change.route(), change.key(), change.keyValues(), wanted, kind));
            state.put(rowId, after);
        }
        return new Resolution(writes, verdicts, failures, conflicts);
    }

    /**
     * A foreign-key conflict settled by the write path (a delete racing an insert or update of a referring row) by
     * the relationship's {@code rule}, as {@code decision} says; {@code target} is the target's row the change met
     * (null: none).
     */
    public DecidedConflict referenceConflict(int index, MappedChange change, RowImage target, ReferenceRule rule,
            ConflictDecision decision) {
        Conflict conflict = ConflictJudge.conflict(change.event(), change.incoming(), change.before(), target,
                sourceSide, targetSide, sourceHasPriority);
        return new DecidedConflict(index, conflict, "foreign key: " + switch (rule) {
            case DELETE_WINS -> "the delete wins";
            case INSERT_WINS -> "the insert wins";
            case PARK -> "park";
        }, decision);
    }

    /** The key and the columns the update changes: what a write by changed columns sets. */
    private static RowImage changedColumns(MappedChange change, RowImage wanted) {
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        change.route().keyColumns().forEach(k -> row.put(k.name(), wanted.get(k.name())));
        for (Map.Entry<String, Object> e : wanted.values().entrySet()) {
            if (!CanonicalValues.equal(change.before().get(e.getKey()), e.getValue())) {
                row.put(e.getKey(), e.getValue());
            }
        }
        return RowImage.wrap(row);
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

package dev.bisync.core.internal.admin;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.admin.ResolutionSides.Side;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.resolve.ConflictJudge;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.report.ConflictRecord;
import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.ConflictStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.NoSuchElementException;

import static dev.bisync.core.internal.admin.ResolutionSides.keyValues;
import static dev.bisync.core.internal.admin.ResolutionSides.number;
import static dev.bisync.core.internal.admin.ResolutionSides.tableId;

/**
 * Settles a parked row conflict: the chosen row is written to <em>both</em> databases, each through its writer
 * session (as a lane writes), and the record is marked resolved in the same transaction as the write on the side
 * that holds it; parked records of the same row on the other side are settled with it.
 */
public final class RowSettlement {

    private static final Logger LOG = LoggerFactory.getLogger(RowSettlement.class);

    /** The row a resolution keeps (null: no row), and the resolution's name for the record. */
    public record Choice(RowImage row, String resolution) {
    }

    /** Chooses the row to keep for a parked record, against the target's current row. */
    @FunctionalInterface
    public interface Chooser {
        /** The row to keep (null row: no row), or null to leave the conflict parked. */
        Choice choose(ConflictRecord record, RowImage current, TableRoute route) throws SQLException;
    }

    private final ResolutionSides sides;

    public RowSettlement(ResolutionSides sides) {
        this.sides = sides;
    }

    /**
     * Settles the parked record {@code id} with the row {@code chooser} picks.
     *
     * @return the record as it is now
     * @throws IllegalStateException when it is not parked
     */
    public ConflictRecord settle(String id, Chooser chooser) throws SQLException {
        Side target = sides.of(id);
        Connection tc = target.session().connection();
        try {
            ConflictRecord record = target.store().find(tc, number(id))
                    .orElseThrow(() -> new NoSuchElementException("no conflict " + id));
            if (!record.isParked()) {
                throw new IllegalStateException("conflict " + id + " is " + record.status() + ", not parked: only "
                        + "parked conflicts wait for a resolution");
            }
            Side source = sides.named(record.sourceSide());
            TableRoute route = sides.router(target).route(tc, tableId(record.sourceTable()));
            Object[] keyValues = keyValues(route, record.key());
            RowImage current = target.current(route, record.key());
            Choice choice = chooser.choose(record, current, route);
            if (choice == null) {
                tc.rollback();
                LOG.info("conflict {}: the strategy parks it again; nothing changed", id);
                return record;
            }
            writeToOtherSide(source, route.target().id(), record.key(), choice.row(),
                    "settled with " + id + " (" + choice.resolution() + ")");
            new BatchWriter(target.session()::statements)
                    .writeOne(new Write(0, route, RowKey.of(keyValues), keyValues, choice.row()));
            target.store().markResolved(tc, number(id), choice.resolution());
            target.session().commit();
            LOG.info("conflict {} on {} key {} resolved ({}): both sides now hold {}", id, record.targetTable(),
                    record.key().values(), choice.resolution(), choice.row() == null ? "no row" : "the same row");
            return sides.record(id);
        } catch (SQLException | RuntimeException e) {
            tc.rollback();
            throw e;
        }
    }

    /**
     * Writes the chosen row (in the target side's terms) to the conflict's source side, marks that side's parked
     * conflicts on the same row settled, and commits.
     */
    private void writeToOtherSide(Side side, TableId targetTable, RowImage key, RowImage row, String settled)
            throws SQLException {
        Connection c = side.session().connection();
        try {
            ChangeEvent event = new ChangeEvent(row == null ? Operation.DELETE : Operation.UPDATE, targetTable, key,
                    row == null ? key : null, row, new SourcePosition(0, 0, "manual"), Instant.now(), null,
                    new SourceMetadata("bisync", null, 0, null));
            MappedChange change = sides.router(side).map(c, event);
            new BatchWriter(side.session()::statements).writeOne(new Write(0, change.route(),
                    change.key(), change.keyValues(), change.incoming()));
            LinkedHashMap<String, Object> sideKey = new LinkedHashMap<>();
            for (int i = 0; i < change.keyValues().length; i++) {
                sideKey.put(change.route().keyColumns().get(i).name(), change.keyValues()[i]);
            }
            int others = side.store().markRowResolved(c, change.route().target().id(), RowImage.wrap(sideKey),
                    settled);
            side.session().commit();
            if (others > 0) {
                LOG.info("{} parked conflict(s) of the same row on {} settled too", others, side.name());
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** The target's current row with the columns the parked change changed taken from the change. */
    public static RowImage merge(ConflictRecord record, RowImage current) {
        if (record.before() == null || record.incoming() == null || current == null) {
            throw new IllegalStateException("conflict " + record.id() + " is not between two updates of one row: "
                    + "take source or target");
        }
        if (record.merged() != null) {
            return record.merged();
        }
        Conflict conflict = ConflictJudge.conflict(event(record, tableId(record.targetTable())), record.incoming(),
                record.before(), current, record.sourceSide(), record.targetSide(), true);
        LinkedHashMap<String, Object> merged = new LinkedHashMap<>(current.values());
        for (String column : conflict.sourceChanged()) {
            merged.put(column, record.incoming().get(column));
        }
        return RowImage.wrap(merged);
    }

    /**
     * The choice of the table's configured strategy for a parked record, decided again against the target's current
     * row; null when it parks the conflict again.
     */
    public static Choice replayed(SyncConfig config, ConflictRecord record, RowImage current, TableRoute route) {
        ConflictStrategy strategy = config.conflictStrategy(tableId(record.sourceTable()).name());
        Conflict conflict = ConflictJudge.conflict(event(record, route.target().id()), record.incoming(),
                record.before(), current, record.sourceSide(), record.targetSide(),
                config.prioritySide().equals(record.sourceSide()));
        ConflictDecision decision = ConflictJudge.decide(strategy, conflict);
        String resolution = "replay: " + decision.outcome().name().toLowerCase() + " by " + strategy;
        return switch (decision.outcome()) {
            case APPLY -> new Choice(record.incoming(), resolution);
            case MERGE -> new Choice(decision.merged(), resolution);
            case PARK -> null;
            default -> new Choice(current, resolution);
        };
    }

    private static ChangeEvent event(ConflictRecord record, TableId table) {
        Operation op = Operation.valueOf(record.operation().toUpperCase());
        return new ChangeEvent(op, table, record.key(), record.before(), record.incoming(),
                new SourcePosition(0, 0, "manual"), record.createdAt() == null ? Instant.EPOCH : record.createdAt(),
                null, new SourceMetadata("bisync", null, 0, null));
    }
}

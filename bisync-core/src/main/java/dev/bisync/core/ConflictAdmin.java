package dev.bisync.core;

import dev.bisync.api.config.ReferenceRule;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.internal.admin.ReferenceSettlement;
import dev.bisync.core.internal.admin.ResolutionSides;
import dev.bisync.core.internal.admin.RowSettlement;
import dev.bisync.core.internal.admin.RowSettlement.Choice;
import dev.bisync.core.report.ConflictRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Manual conflict resolution, against both real databases: lists the conflicts the lanes recorded in each side's
 * {@code bisync_conflicts} table, shows one, and resolves a parked one by taking the source's row, the target's
 * row, or the two merged by column — or replays it through the table's configured strategy.
 *
 * <p>A resolution writes the chosen row to <em>both</em> databases, each through a writer session carrying bisync's
 * echo mark (as a lane writes), then marks the record resolved in the same transaction as the write on the side that
 * holds it. Both sides hold the chosen row at once; neither lane takes the resolution for a new change, so it can
 * meet no new conflict on the way. The lanes may run meanwhile.
 *
 * <pre>{@code
 * try (ConflictAdmin admin = ConflictAdmin.open(config)) {
 *     for (ConflictRecord c : admin.list(false)) {
 *         admin.resolve(c.id(), ConflictAdmin.Take.SOURCE);
 *     }
 * }
 * }</pre>
 * Not thread-safe: one admin per thread.
 */
public final class ConflictAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictAdmin.class);

    /** Which row a resolution keeps. */
    public enum Take {
        /** The row the parked change would have left (a delete: no row). */
        SOURCE,
        /** The target's current row (no row: the row is deleted on the source side too). */
        TARGET,
        /** The target's current row with the columns the change changed taken from it. */
        MERGED
    }

    private final ResolutionSides sides;
    private final RowSettlement rows;
    private final ReferenceSettlement references;

    private ConflictAdmin(ResolutionSides sides) {
        this.sides = sides;
        this.rows = new RowSettlement(sides);
        this.references = new ReferenceSettlement(sides);
    }

    /**
     * Connects to both sides' databases (as bisync's writer, with its echo mark).
     *
     * @throws SQLException when a database cannot be reached
     */
    public static ConflictAdmin open(SyncConfig config) throws SQLException {
        return new ConflictAdmin(ResolutionSides.open(Objects.requireNonNull(config, "config")));
    }

    /** The recorded conflicts of both sides, oldest first per side: the parked ones, or all. At most 1000 a side. */
    public List<ConflictRecord> list(boolean all) throws SQLException {
        List<ConflictRecord> records = new ArrayList<>();
        for (ResolutionSides.Side side : sides.all()) {
            Connection c = side.session().connection();
            try {
                records.addAll(side.store().list(c, all, 1000));
            } finally {
                c.rollback();
            }
        }
        return records;
    }

    /**
     * One record.
     *
     * @throws NoSuchElementException when there is no such record
     */
    public ConflictRecord show(String id) throws SQLException {
        return sides.record(id);
    }

    /**
     * Resolves a parked conflict by writing the chosen row to both sides, and marks it resolved. A parked
     * foreign-key conflict is settled for the parent and its children as one: {@link Take#SOURCE} lets the parked
     * change win (the delete of the parent, or the row referring to a deleted parent), {@link Take#TARGET} the other
     * side.
     *
     * @return the record as it is now
     * @throws NoSuchElementException when there is no such record
     * @throws IllegalStateException  when it is not parked (decided by a strategy, or resolved already), or when a
     *                                merge is asked for a conflict that is not between two updates
     */
    public ConflictRecord resolve(String id, Take take) throws SQLException {
        Objects.requireNonNull(take, "take");
        ConflictRecord parked = show(id);
        if (ReferenceSettlement.isReference(parked)) {
            if (take == Take.MERGED) {
                throw new IllegalStateException("conflict " + id + " is a foreign-key conflict, between a parent row "
                        + "and rows referring to it: take source or target");
            }
            // the source's change wins: a parked delete of the parent, or a parked child whose parent is gone
            boolean deleteWins = parked.incoming() == null == (take == Take.SOURCE);
            return references.settle(id, deleteWins, take == Take.SOURCE ? "take-source" : "take-target");
        }
        return rows.settle(id, (record, current, route) -> switch (take) {
            case SOURCE -> new Choice(record.incoming(), "take-source");
            case TARGET -> new Choice(current, "take-target");
            case MERGED -> new Choice(RowSettlement.merge(record, current), "take-merged");
        });
    }

    /**
     * Decides a parked conflict again with the table's configured strategy (a foreign-key conflict: with its
     * relationship's rule), against the target's current row, and carries the decision out on both sides as
     * {@link #resolve} does. If the strategy parks it again, nothing changes.
     *
     * @return the record as it is now
     */
    public ConflictRecord replay(String id) throws SQLException {
        ConflictRecord parked = show(id);
        if (ReferenceSettlement.isReference(parked)) {
            ReferenceRule rule = references.ruleFor(parked);
            if (rule == ReferenceRule.PARK) {
                LOG.info("conflict {}: the foreign-key rule parks it again; nothing changed", id);
                return parked;
            }
            return references.settle(id, rule == ReferenceRule.DELETE_WINS, "replay: " + rule.spec());
        }
        return rows.settle(id, (record, current, route) -> RowSettlement.replayed(sides.config(), record, current,
                route));
    }

    @Override
    public void close() {
        sides.close();
    }
}

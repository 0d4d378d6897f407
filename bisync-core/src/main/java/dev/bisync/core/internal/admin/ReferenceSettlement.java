package dev.bisync.core.internal.admin;

import dev.bisync.api.config.ReferenceRule;
import dev.bisync.api.RowImage;
import dev.bisync.core.internal.admin.ResolutionSides.Side;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.apply.ParentRows;
import dev.bisync.core.internal.apply.ReferencingRows;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.resolve.ConflictJudge;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.report.ConflictRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.bisync.core.internal.admin.ResolutionSides.keyValues;
import static dev.bisync.core.internal.admin.ResolutionSides.number;
import static dev.bisync.core.internal.admin.ResolutionSides.tableId;

/**
 * Settles a parked foreign-key conflict — a parent row one side deleted while the other added rows referring to it
 * — on both sides, as one conflict for the parent and its children: the delete wins, or the insert wins; then every
 * parked foreign-key record of either side whose row is now alike on both sides is marked settled.
 */
public final class ReferenceSettlement {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceSettlement.class);
    /** A relationship as a parked record's reason names it, {@code child -> parent}. */
    private static final Pattern RELATIONSHIP = Pattern.compile("\\[?(\\w+) -> (\\w+)");

    private final ResolutionSides sides;

    public ReferenceSettlement(ResolutionSides sides) {
        this.sides = sides;
    }

    /** Whether a record is a foreign-key conflict that a lane parked (rule {@link ReferenceRule#PARK}). */
    public static boolean isReference(ConflictRecord record) {
        return record.isParked() && record.strategy() != null && record.strategy().equals("foreign key: park");
    }

    /**
     * Settles a parked foreign-key conflict — a parent row one side deleted while the other added rows referring to
     * it — on both sides: the delete wins (the parent is deleted where it is still held, with every row referring to
     * it, deepest first), or the insert wins (the parent is restored where it was deleted, its own deleted parents
     * first, read from the side that holds it, and then the parked rows referring to it are written there). Then every
     * parked foreign-key record of either side whose row is now alike on both sides is marked settled: the one
     * manual conflict covers the parent and its children.
     */
    public ConflictRecord settle(String id, boolean deleteWins, String resolution) throws SQLException {
        Side recordSide = sides.of(id);
        ConflictRecord record = sides.record(id);
        Side other = sides.otherThan(recordSide);
        boolean parentRecord = record.incoming() == null;
        Side holding = parentRecord ? recordSide : other;
        Side deleting = parentRecord ? other : recordSide;
        Connection hc = holding.session().connection();
        Connection dc = deleting.session().connection();
        try {
            // the parent rows, in the holding side's terms (route: from the deleting side's table into holding)
            List<Parent> parents = new ArrayList<>();
            if (parentRecord) {
                TableRoute route = sides.router(holding).route(hc, tableId(record.sourceTable()));
                parents.add(new Parent(route, record.key()));
            } else {
                TableRouter intoDeleting = sides.router(deleting);
                TableRoute childRoute = intoDeleting.route(dc, tableId(record.sourceTable()));
                ParentRows parentRows = sides.parentRows(deleting, holding, intoDeleting);
                for (ParentRows.Missing m : parentRows.missing(dc, childRoute.target().id(), record.incoming())) {
                    TableRoute route = sides.router(holding).route(hc, m.reference().parent());
                    LinkedHashMap<String, Object> key = new LinkedHashMap<>();
                    for (int i = 0; i < m.values().length; i++) {
                        key.put(m.reference().parentColumns().get(i), m.values()[i]);
                    }
                    parents.add(new Parent(route, TableRouter.mapRow(route, RowImage.wrap(key))));
                }
            }
            String settled = "settled with " + id + " (" + resolution + ", "
                    + (deleteWins ? "the delete wins" : "the insert wins") + ")";
            if (deleteWins) {
                ReferencingRows referencing = new ReferencingRows(holding.dialect(), holding.session()::statements);
                BatchWriter writer = new BatchWriter(holding.session()::statements);
                for (Parent parent : parents) {
                    Object[] keyValues = keyValues(parent.route(), parent.key());
                    Write delete = new Write(0, parent.route(), RowKey.of(keyValues), keyValues, null);
                    Map<String, Integer> removed = referencing.removeReferencing(hc, delete);
                    writer.writeOne(delete);
                    LOG.info("conflict {}: {} key {} deleted in {} with the rows referring to it {}", id,
                            parent.route().target().id(), parent.key().values(), holding.name(), removed);
                }
                holding.session().commit();
                int moved = removeMovedChildren(deleting, holding, dc, hc);
                deleting.session().commit();
                if (moved > 0) {
                    LOG.info("conflict {}: {} row(s) moved to the deleted row removed in {}", id, moved,
                            deleting.name());
                }
            } else {
                TableRouter intoDeleting = sides.router(deleting);
                ParentRows parentRows = sides.parentRows(deleting, holding, intoDeleting);
                List<ParentRows.Missing> missing = new ArrayList<>();
                for (Parent parent : parents) {
                    // the parent's own row, in the deleting side's terms, as a "missing row" of itself
                    TableRoute back = intoDeleting.route(dc, parent.route().target().id());
                    RowImage key = TableRouter.mapRow(back, parent.key());
                    List<String> columns = back.keyColumns().stream().map(c -> c.name()).toList();
                    missing.add(new ParentRows.Missing(new ReferencingRows.Reference(back.target().id(), columns,
                            back.target().id(), columns), keyValues(back, key)));
                }
                ParentRows.Restore restore = parentRows.restore(dc, missing, r -> ReferenceRule.INSERT_WINS,
                        false, null);
                if (!restore.done()) {
                    dc.rollback();
                    throw new IllegalStateException("conflict " + id + ": the insert cannot win: " + restore.reason()
                            + "; take the delete instead");
                }
                int written = writeParkedChildren(deleting, holding, dc, hc);
                deleting.session().commit();
                LOG.info("conflict {}: restored in {} {} and {} parked row(s) referring to it written", id,
                        deleting.name(), restore.restored(), written);
            }
            sweep(id, resolution, settled);
            if (sides.record(id).isParked()) { // its row changed on a side meanwhile: settled all the same
                Connection c = recordSide.session().connection();
                recordSide.store().markResolved(c, number(id), resolution);
                recordSide.session().commit();
            }
            return sides.record(id);
        } catch (SQLException | RuntimeException e) {
            hc.rollback();
            dc.rollback();
            throw e;
        }
    }

    /** A parent row of a foreign-key conflict: its table's route into the holding side, its key there. */
    private record Parent(TableRoute route, RowImage key) {
    }

    /**
     * Writes in {@code deleting} the rows of its parked foreign-key conflicts whose parents it now holds, as
     * {@code holding} holds them now, until none is left (children before grandchildren).
     */
    private int writeParkedChildren(Side deleting, Side holding, Connection dc, Connection hc) throws SQLException {
        ParentRows parentRows = sides.parentRows(deleting, holding, sides.router(deleting));
        BatchWriter writer = new BatchWriter(deleting.session()::statements);
        int written = 0;
        for (boolean progress = true; progress; ) {
            progress = false;
            for (ParkedChild child : parkedChildren(deleting, holding, dc, hc)) {
                if (child.held() == null) {
                    continue; // the holding side deleted it since
                }
                RowImage row = TableRouter.mapRow(child.route(), child.held());
                if (child.here() != null && ConflictJudge.matches(row, child.here())
                        || !parentRows.missing(dc, child.route().target().id(), row).isEmpty()) {
                    continue; // written already (an insert, or a parked update), or its parent still missing
                }
                writer.writeOne(new Write(0, child.route(), RowKey.of(child.keyValues()), child.keyValues(), row));
                written++;
                progress = true;
            }
        }
        hc.rollback();
        return written;
    }

    /**
     * A row of a parked foreign-key conflict on the deleting side: its route into that side, its key there, and the
     * row as each side holds it now (null: none).
     */
    private record ParkedChild(TableRoute route, Object[] keyValues, RowImage here, RowImage held) {
    }

    /** The rows of {@code deleting}'s parked foreign-key conflicts (not the refused deletes), read on both sides. */
    private List<ParkedChild> parkedChildren(Side deleting, Side holding, Connection dc, Connection hc)
            throws SQLException {
        TableRouter intoDeleting = sides.router(deleting);
        TableRouter intoHolding = sides.router(holding);
        List<ParkedChild> children = new ArrayList<>();
        for (ConflictRecord child : parkedReferences(deleting, dc)) {
            if (child.incoming() == null) {
                continue;
            }
            TableRoute route = intoDeleting.route(dc, tableId(child.sourceTable()));
            Object[] keyValues = keyValues(route, child.key());
            TableRoute toHolding = intoHolding.route(hc, route.target().id());
            children.add(new ParkedChild(route, keyValues,
                    deleting.current(route, child.key()),
                    holding.current(toHolding, TableRouter.mapRow(toHolding, child.key()))));
        }
        return children;
    }

    /**
     * Marks settled every parked foreign-key record of either side whose row is now alike on both sides (present
     * on both, or on neither), and commits.
     */
    private void sweep(String id, String resolution, String settled) throws SQLException {
        for (Side side : sides.all()) {
            Side other = sides.otherThan(side);
            Connection c = side.session().connection();
            Connection oc = other.session().connection();
            try {
                int n = 0;
                for (ConflictRecord r : parkedReferences(side, c)) {
                    TableRoute here = sides.router(side).route(c, tableId(r.sourceTable()));
                    RowImage held = side.current(here, r.key());
                    TableRoute there = sides.router(other).route(oc, here.target().id());
                    RowImage heldThere = other.current(there, TableRouter.mapRow(there, r.key()));
                    boolean alike = held == null ? heldThere == null
                            : heldThere != null && ConflictJudge.matches(TableRouter.mapRow(here, heldThere), held);
                    if (alike) {
                        side.store().markResolved(c, number(r.id()), r.id().equals(id) ? resolution : settled);
                        n++;
                    }
                }
                side.session().commit();
                oc.rollback();
                if (n > 0) {
                    LOG.info("{} parked foreign-key conflict(s) in {} settled: {}", n, side.name(), settled);
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                oc.rollback();
                throw e;
            }
        }
    }

    /** Every parked foreign-key record of a side (all of them: a row left out would stay different). */
    private static List<ConflictRecord> parkedReferences(Side side, Connection c) throws SQLException {
        return side.store().list(c, false, 0).stream().filter(ReferenceSettlement::isReference).toList();
    }

    /**
     * The delete won: removes in {@code deleting} the rows of its parked foreign-key conflicts that it still holds
     * (an update that moved a row to the deleted row) and that {@code holding} no longer does, with the rows referring
     * to them, as a lane's "delete wins" does.
     */
    private int removeMovedChildren(Side deleting, Side holding, Connection dc, Connection hc) throws SQLException {
        ReferencingRows referencing = new ReferencingRows(deleting.dialect(), deleting.session()::statements);
        BatchWriter writer = new BatchWriter(deleting.session()::statements);
        int removed = 0;
        for (ParkedChild child : parkedChildren(deleting, holding, dc, hc)) {
            if (child.here() == null || child.held() != null) {
                continue;
            }
            Write delete = new Write(0, child.route(), RowKey.of(child.keyValues()), child.keyValues(), null);
            referencing.removeReferencing(dc, delete);
            writer.writeOne(delete);
            removed++;
        }
        hc.rollback();
        return removed;
    }

    /** The relationship rule configured now for a parked foreign-key conflict, by the record's reason. */
    public ReferenceRule ruleFor(ConflictRecord record) {
        Matcher m = RELATIONSHIP.matcher(
                record.reason() == null ? "" : record.reason());
        ReferenceRule rule = null;
        while (m.find()) {
            ReferenceRule r = sides.config().referenceRule(m.group(1), m.group(2));
            rule = rule == null || r == ReferenceRule.PARK || (r == ReferenceRule.INSERT_WINS
                    && rule == ReferenceRule.DELETE_WINS) ? r : rule;
        }
        return rule == null ? ReferenceRule.PARK : rule;
    }
}

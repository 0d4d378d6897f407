package dev.bisync.core.internal.admin;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.admin.ResolutionSides.Side;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.resolve.ConflictJudge;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.report.DriftedRow;
import dev.bisync.core.report.RepairedRow;
import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.ConflictStrategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repairs drifted rows: each row of the chosen side (or the one the table's conflict strategy picks, the side A row
 * taken as a change from side A against side B's row) is written to the other side through its writer session,
 * which carries bisync's echo mark (so the lane does not carry the repair back), and recorded in that side's
 * {@code bisync_conflicts} in the same transaction, as a manual resolution is. Rows are written in foreign-key
 * order: upserts parents first, then deletes children first ({@link TableOrder}).
 */
public final class DriftRepair {

    private static final SourcePosition MANUAL = new SourcePosition(0, 0, "manual");

    private final ResolutionSides sides;

    public DriftRepair(ResolutionSides sides) {
        this.sides = sides;
    }

    /**
     * Repairs (or, with {@code dryRun}, plans) the rows.
     *
     * @param take a side's name, or {@code rule}
     * @throws IllegalArgumentException when {@code take} names neither
     */
    public List<RepairedRow> repair(List<DriftedRow> rows, String take, boolean dryRun) throws SQLException {
        boolean rule = "rule".equals(take);
        if (!rule && sides.named(take) == null) {
            throw new IllegalArgumentException("--take " + take + ": give a side's name ("
                    + String.join(", ", sides.all().stream().map(Side::name).toList()) + ") or rule");
        }
        Side a = sides.all().iterator().next();
        Side b = sides.otherThan(a);
        TableRouter intoB = sides.router(b);
        TableRouter intoA = sides.router(a);
        List<Plan> plans = new ArrayList<>();
        Connection bc = b.session().connection();
        try {
            for (DriftedRow row : rows) {
                TableRoute route = intoB.route(bc, new TableId(a.config().namespace(), row.table()));
                RowImage fromA = row.rowA() == null ? null : TableRouter.mapRow(route, row.rowA());
                Choice choice = rule ? byRule(row, route, fromA) : take.equals(a.name())
                        ? new Choice(a, fromA, "repair: take-" + a.name())
                        : new Choice(b, row.rowB(), "repair: take-" + b.name());
                plans.add(new Plan(row, route, choice));
            }
        } finally {
            bc.rollback();
        }
        Map<String, Integer> depth;
        try {
            depth = TableOrder.depths(bc, plans.stream().map(p -> p.route.target().id()).distinct().toList());
        } finally {
            bc.rollback();
        }
        plans.sort(Comparator.<Plan>comparingInt(p -> p.choice.row == null ? 1 : 0)
                .thenComparingInt(p -> (p.choice.row == null ? -1 : 1) * depth.getOrDefault(
                        p.route.target().id().name(), 0)));
        List<RepairedRow> done = new ArrayList<>();
        for (Plan p : plans) {
            if (p.choice.taken == null) {
                done.add(new RepairedRow(p.row, null, null, p.choice.resolution));
                continue;
            }
            if (p.choice.both || p.choice.taken == a) {
                if (!dryRun) {
                    writeB(b, p);
                }
                done.add(new RepairedRow(p.row, b.name(), p.choice.row, p.choice.resolution));
            }
            if (p.choice.both || p.choice.taken == b) {
                RowImage written = dryRun ? previewA(intoA, a, p) : writeA(intoA, a, p);
                done.add(new RepairedRow(p.row, a.name(), written, p.choice.resolution));
            }
        }
        return done;
    }

    /** The row of side B's terms (null: none) a side's choice leaves on both sides, and which side holds it. */
    private record Choice(Side taken, RowImage row, String resolution, boolean both) {
        Choice(Side taken, RowImage row, String resolution) {
            this(taken, row, resolution, false);
        }
    }

    private record Plan(DriftedRow row, TableRoute route, Choice choice) {
    }

    private Choice byRule(DriftedRow row, TableRoute route, RowImage fromA) {
        Side a = sides.named(row.sideA());
        Side b = sides.named(row.sideB());
        ConflictStrategy strategy = sides.config().conflictStrategy(row.table());
        Operation op = fromA == null ? Operation.DELETE : row.rowB() == null ? Operation.CREATE : Operation.UPDATE;
        RowImage key = fromA != null ? keyOf(route, fromA) : keyOf(route, row.rowB());
        ChangeEvent event = new ChangeEvent(op, route.target().id(), key, fromA == null ? row.rowB() : null, fromA,
                MANUAL, Instant.now(), null, new SourceMetadata("bisync", null, 0, null));
        Conflict conflict = ConflictJudge.conflict(event, fromA, null, row.rowB(), a.name(), b.name(),
                sides.config().prioritySide().equals(a.name()));
        ConflictDecision decision = ConflictJudge.decide(strategy, conflict);
        String resolution = "repair: rule " + decision.outcome().name().toLowerCase() + " by " + strategy;
        return switch (decision.outcome()) {
            case APPLY -> new Choice(a, fromA, resolution);
            case MERGE -> new Choice(a, decision.merged(), resolution, true);
            case PARK -> new Choice(null, null, resolution + ": parked, not repaired");
            default -> new Choice(b, row.rowB(), resolution);
        };
    }

    private static RowImage keyOf(TableRoute route, RowImage row) {
        LinkedHashMap<String, Object> key = new LinkedHashMap<>();
        route.keyColumns().forEach(k -> key.put(k.name(), row.get(k.name())));
        return RowImage.wrap(key);
    }

    /** Writes the choice to side B (its own terms) and records it, in one transaction. */
    private void writeB(Side b, Plan p) throws SQLException {
        Connection c = b.session().connection();
        try {
            RowImage key = keyOf(p.route, p.choice.row != null ? p.choice.row : p.row.rowB());
            Object[] keyValues = ResolutionSides.keyValues(p.route, key);
            new BatchWriter(b.session()::statements).writeOne(new Write(0, p.route,
                    RowKey.of(keyValues), keyValues, p.choice.row));
            b.store().recordRepair(c, p.choice.taken.name(), new TableId(sides.otherThan(b).config().namespace(),
                    p.row.table()), p.route.target().id(), key, p.choice.row, p.row.rowB(), p.choice.resolution);
            b.session().commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** The change that carries the choice (side B's terms) to side A, mapped by the lane from B to A. */
    private MappedChange toA(TableRouter intoA, Side a, Plan p, Connection c) throws SQLException {
        RowImage row = p.choice.row;
        RowImage key = keyOf(p.route, row != null ? row : TableRouter.mapRow(p.route, p.row.rowA()));
        ChangeEvent event = new ChangeEvent(row == null ? Operation.DELETE : Operation.UPDATE, p.route.target().id(),
                key, row == null ? key : null, row, MANUAL, Instant.now(), null,
                new SourceMetadata("bisync", null, 0, null));
        return intoA.map(c, event);
    }

    private RowImage previewA(TableRouter intoA, Side a, Plan p) throws SQLException {
        Connection c = a.session().connection();
        try {
            return toA(intoA, a, p, c).incoming();
        } finally {
            c.rollback();
        }
    }

    /** Writes the choice to side A and records it, in one transaction; the row written, in A's terms. */
    private RowImage writeA(TableRouter intoA, Side a, Plan p) throws SQLException {
        Connection c = a.session().connection();
        try {
            MappedChange change = toA(intoA, a, p, c);
            new BatchWriter(a.session()::statements).writeOne(new Write(0, change.route(), change.key(),
                    change.keyValues(), change.incoming()));
            LinkedHashMap<String, Object> key = new LinkedHashMap<>();
            for (int i = 0; i < change.keyValues().length; i++) {
                key.put(change.route().keyColumns().get(i).name(), change.keyValues()[i]);
            }
            a.store().recordRepair(c, p.choice.taken.name(), p.route.target().id(), change.route().target().id(),
                    RowImage.wrap(key), change.incoming(), p.row.rowA(), p.choice.resolution);
            a.session().commit();
            return change.incoming();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }
}

package dev.bisync.core;

import dev.bisync.core.report.ConflictRecord;
import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SideConfig;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.SyncConfig;
import dev.bisync.api.TableId;
import dev.bisync.api.ReferenceRule;
import dev.bisync.core.internal.apply.BatchWriter;
import dev.bisync.core.internal.apply.ParentRows;
import dev.bisync.core.internal.apply.ReferencingRows;
import dev.bisync.core.internal.apply.SourceRows;
import dev.bisync.core.internal.conflicts.ConflictStore;
import dev.bisync.core.internal.map.MappedChange;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.resolve.ConflictJudge;
import dev.bisync.core.internal.resolve.CurrentRows;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.target.TargetCatalog;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.spi.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

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

    private final SyncConfig config;
    private final Map<String, Side> sides = new LinkedHashMap<>();
    /** Per side: its rows read for a foreign-key resolution that restores them on the other side. */
    private final Map<String, SourceRows> readers = new LinkedHashMap<>();

    private record Side(SideConfig config, Dialect dialect, TargetSession session, ConflictStore store) {
    }

    private ConflictAdmin(SyncConfig config) {
        this.config = config;
    }

    /**
     * Connects to both sides' databases (as bisync's writer, with its echo mark).
     *
     * @throws SQLException when a database cannot be reached
     */
    public static ConflictAdmin open(SyncConfig config) throws SQLException {
        ConflictAdmin admin = new ConflictAdmin(Objects.requireNonNull(config, "config"));
        DialectResolver dialects = new DialectResolver();
        try {
            for (SideConfig side : List.of(config.sideA(), config.sideB())) {
                Dialect dialect;
                try (Connection c = TargetConnections.open(side.database())) {
                    dialect = dialects.resolve(side.database().jdbcUrl(), c);
                }
                TargetSession session = new TargetSession(side.database(), dialect, config.echo(),
                        "[" + config.name() + "/conflicts/" + side.name() + "]");
                admin.sides.put(side.name(), new Side(side, dialect, session, new ConflictStore(dialect, side.name(),
                        side.namespace())));
            }
        } catch (SQLException | RuntimeException e) {
            admin.close();
            throw e;
        }
        return admin;
    }

    /** The recorded conflicts of both sides, oldest first per side: the parked ones, or all. At most 1000 a side. */
    public List<ConflictRecord> list(boolean all) throws SQLException {
        List<ConflictRecord> records = new ArrayList<>();
        for (Side side : sides.values()) {
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
        Side side = sideOf(id);
        Connection c = side.session().connection();
        try {
            return side.store().find(c, number(id)).orElseThrow(() -> missing(id));
        } finally {
            c.rollback();
        }
    }

    /**
     * Resolves a parked conflict by writing the chosen row to both sides, and marks it resolved.
     *
     * @return the record as it is now
     * @throws NoSuchElementException when there is no such record
     * @throws IllegalStateException  when it is not parked (decided by a strategy, or resolved already), or when a
     *                                merge is asked for a conflict that is not between two updates
     */
    public ConflictRecord resolve(String id, Take take) throws SQLException {
        Objects.requireNonNull(take, "take");
        ConflictRecord parked = show(id);
        if (isReference(parked)) {
            if (take == Take.MERGED) {
                throw new IllegalStateException("conflict " + id + " is a foreign-key conflict, between a parent row "
                        + "and rows referring to it: take source or target");
            }
            // the source's change wins: a parked delete of the parent, or a parked child whose parent is gone
            boolean deleteWins = parked.incoming() == null == (take == Take.SOURCE);
            return settleReference(id, deleteWins, take == Take.SOURCE ? "take-source" : "take-target");
        }
        return settle(id, (record, current, route) -> switch (take) {
            case SOURCE -> new Choice(record.incoming(), "take-source");
            case TARGET -> new Choice(current, "take-target");
            case MERGED -> new Choice(merge(record, current), "take-merged");
        });
    }

    /**
     * Decides a parked conflict again with the table's configured strategy, against the target's current row, and
     * carries the decision out on both sides as {@link #resolve} does. If the strategy parks it again, nothing
     * changes.
     *
     * @return the record as it is now
     */
    public ConflictRecord replay(String id) throws SQLException {
        ConflictRecord parked = show(id);
        if (isReference(parked)) {
            ReferenceRule rule = referenceRule(parked);
            if (rule == ReferenceRule.PARK) {
                LOG.info("conflict {}: the foreign-key rule parks it again; nothing changed", id);
                return parked;
            }
            return settleReference(id, rule == ReferenceRule.DELETE_WINS, "replay: " + rule.spec());
        }
        return settle(id, (record, current, route) -> {
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
        });
    }

    private record Choice(RowImage row, String resolution) {
    }

    @FunctionalInterface
    private interface Chooser {
        /** The row to keep (null row: no row), or null to leave the conflict parked. */
        Choice choose(ConflictRecord record, RowImage current, TableRoute route) throws SQLException;
    }

    private ConflictRecord settle(String id, Chooser chooser) throws SQLException {
        Side target = sideOf(id);
        Connection tc = target.session().connection();
        try {
            ConflictRecord record = target.store().find(tc, number(id)).orElseThrow(() -> missing(id));
            if (!record.isParked()) {
                throw new IllegalStateException("conflict " + id + " is " + record.status() + ", not parked: only "
                        + "parked conflicts wait for a resolution");
            }
            Side source = sides.get(record.sourceSide());
            TableRouter toTarget = router(target);
            TableRoute route = toTarget.route(tc, tableId(record.sourceTable()));
            Object[] keyValues = keyValues(route, record.key());
            RowImage current = new CurrentRows(target.session()::statements).one(route, keyValues);
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
            return show(id);
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
            MappedChange change = router(side).map(c, event);
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
                LOG.info("{} parked conflict(s) of the same row on {} settled too", others, side.config().name());
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Whether a record is a foreign-key conflict that a lane parked (rule {@link ReferenceRule#PARK}). */
    private static boolean isReference(ConflictRecord record) {
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
    private ConflictRecord settleReference(String id, boolean deleteWins, String resolution) throws SQLException {
        Side recordSide = sideOf(id);
        ConflictRecord record = show(id);
        Side other = otherThan(recordSide);
        boolean parentRecord = record.incoming() == null;
        Side holding = parentRecord ? recordSide : other;
        Side deleting = parentRecord ? other : recordSide;
        Connection hc = holding.session().connection();
        Connection dc = deleting.session().connection();
        try {
            // the parent rows, in the holding side's terms (route: from the deleting side's table into holding)
            List<Parent> parents = new ArrayList<>();
            if (parentRecord) {
                TableRoute route = router(holding).route(hc, tableId(record.sourceTable()));
                parents.add(new Parent(route, record.key()));
            } else {
                TableRouter intoDeleting = router(deleting);
                TableRoute childRoute = intoDeleting.route(dc, tableId(record.sourceTable()));
                ParentRows parentRows = parentRows(deleting, holding, intoDeleting);
                for (ParentRows.Missing m : parentRows.missing(dc, childRoute.target().id(), record.incoming())) {
                    TableRoute route = router(holding).route(hc, m.reference().parent());
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
                            parent.route().target().id(), parent.key().values(), holding.config().name(), removed);
                }
                holding.session().commit();
                int moved = removeMovedChildren(deleting, holding, dc, hc);
                deleting.session().commit();
                if (moved > 0) {
                    LOG.info("conflict {}: {} row(s) moved to the deleted row removed in {}", id, moved,
                            deleting.config().name());
                }
            } else {
                TableRouter intoDeleting = router(deleting);
                ParentRows parentRows = parentRows(deleting, holding, intoDeleting);
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
                        deleting.config().name(), restore.restored(), written);
            }
            sweep(id, resolution, settled);
            if (show(id).isParked()) { // its row changed on a side meanwhile: settled all the same
                Connection c = recordSide.session().connection();
                recordSide.store().markResolved(c, number(id), resolution);
                recordSide.session().commit();
            }
            return show(id);
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
        ParentRows parentRows = parentRows(deleting, holding, router(deleting));
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
        TableRouter intoDeleting = router(deleting);
        TableRouter intoHolding = router(holding);
        List<ParkedChild> children = new ArrayList<>();
        for (ConflictRecord child : parkedReferences(deleting, dc)) {
            if (child.incoming() == null) {
                continue;
            }
            TableRoute route = intoDeleting.route(dc, tableId(child.sourceTable()));
            Object[] keyValues = keyValues(route, child.key());
            TableRoute toHolding = intoHolding.route(hc, route.target().id());
            children.add(new ParkedChild(route, keyValues,
                    new CurrentRows(deleting.session()::statements).one(route, keyValues),
                    new CurrentRows(holding.session()::statements).one(toHolding,
                            keyValues(toHolding, TableRouter.mapRow(toHolding, child.key())))));
        }
        return children;
    }

    /**
     * Marks settled every parked foreign-key record of either side whose row is now alike on both sides (present
     * on both, or on neither), and commits.
     */
    private void sweep(String id, String resolution, String settled) throws SQLException {
        for (Side side : sides.values()) {
            Side other = otherThan(side);
            Connection c = side.session().connection();
            Connection oc = other.session().connection();
            try {
                int n = 0;
                for (ConflictRecord r : parkedReferences(side, c)) {
                    TableRoute here = router(side).route(c, tableId(r.sourceTable()));
                    RowImage held = new CurrentRows(side.session()::statements).one(here, keyValues(here, r.key()));
                    TableRoute there = router(other).route(oc, here.target().id());
                    RowImage heldThere = new CurrentRows(other.session()::statements).one(there,
                            keyValues(there, TableRouter.mapRow(there, r.key())));
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
                    LOG.info("{} parked foreign-key conflict(s) in {} settled: {}", n, side.config().name(), settled);
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
        return side.store().list(c, false, 0).stream().filter(ConflictAdmin::isReference).toList();
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

    /** Finds and restores in {@code into} rows its foreign keys refer to, read from {@code from}. */
    private ParentRows parentRows(Side into, Side from, TableRouter router) {
        SourceRows reader = readers.computeIfAbsent(from.config().name(), name -> new SourceRows(
                from.config().database(), from.dialect(), name, from.config().namespace()));
        return new ParentRows(into.dialect(), into.session()::statements,
                new ReferencingRows(into.dialect(), into.session()::statements), router, reader);
    }

    /** The relationship rule configured now for a parked foreign-key conflict, by the record's reason. */
    private ReferenceRule referenceRule(ConflictRecord record) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[?(\\w+) -> (\\w+)").matcher(
                record.reason() == null ? "" : record.reason());
        ReferenceRule rule = null;
        while (m.find()) {
            ReferenceRule r = config.referenceRule(m.group(1), m.group(2));
            rule = rule == null || r == ReferenceRule.PARK || (r == ReferenceRule.INSERT_WINS
                    && rule == ReferenceRule.DELETE_WINS) ? r : rule;
        }
        return rule == null ? ReferenceRule.PARK : rule;
    }

    private Side otherThan(Side side) {
        return sides.values().stream().filter(s -> s != side).findFirst().orElseThrow();
    }

    private static RowImage merge(ConflictRecord record, RowImage current) {
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

    private static ChangeEvent event(ConflictRecord record, TableId table) {
        Operation op = Operation.valueOf(record.operation().toUpperCase());
        return new ChangeEvent(op, table, record.key(), record.before(), record.incoming(),
                new SourcePosition(0, 0, "manual"), record.createdAt() == null ? Instant.EPOCH : record.createdAt(),
                null, new SourceMetadata("bisync", null, 0, null));
    }

    /** The map stage of the lane into {@code target}: from the other side's tables. */
    private TableRouter router(Side target) {
        SideConfig source = sides.values().stream().filter(s -> s != target).findFirst().orElseThrow().config();
        Set<TableId> sourceTables = source.tables().stream().map(t -> new TableId(source.namespace(), t))
                .collect(Collectors.toSet());
        return new TableRouter(sourceTables, config.tableMapper(), target.config().namespace(),
                new TargetCatalog(target.dialect()), target.dialect());
    }

    private static Object[] keyValues(TableRoute route, RowImage key) {
        Object[] values = new Object[route.keyColumns().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = key.get(route.keyColumns().get(i).name());
        }
        return values;
    }

    private static TableId tableId(String qualified) {
        int dot = qualified.indexOf('.');
        return TableId.of(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    private Side sideOf(String id) {
        int colon = id == null ? -1 : id.lastIndexOf(':');
        Side side = colon < 0 ? null : sides.get(id.substring(0, colon));
        if (side == null) {
            throw new NoSuchElementException("no conflict '" + id + "': an id is <side>:<number>, the side being "
                    + String.join(" or ", sides.keySet()));
        }
        return side;
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new NoSuchElementException("no conflict '" + id + "': an id is <side>:<number>");
        }
    }

    private static NoSuchElementException missing(String id) {
        return new NoSuchElementException("no conflict " + id);
    }

    @Override
    public void close() {
        sides.values().forEach(side -> side.session().close());
        readers.values().forEach(SourceRows::close);
    }
}

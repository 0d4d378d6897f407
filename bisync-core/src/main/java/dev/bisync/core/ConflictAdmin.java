package dev.bisync.core;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.Operation;
import dev.bisync.api.RowImage;
import dev.bisync.api.SideConfig;
import dev.bisync.api.SourceMetadata;
import dev.bisync.api.SourcePosition;
import dev.bisync.api.SyncConfig;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.apply.BatchWriter;
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
    }
}

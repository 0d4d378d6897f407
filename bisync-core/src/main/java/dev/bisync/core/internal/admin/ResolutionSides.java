package dev.bisync.core.internal.admin;

import dev.bisync.api.RowImage;
import dev.bisync.api.config.SideConfig;
import dev.bisync.api.config.SyncConfig;
import dev.bisync.api.TableId;
import dev.bisync.core.report.ConflictRecord;
import dev.bisync.core.internal.apply.ParentRows;
import dev.bisync.core.internal.apply.ReferencingRows;
import dev.bisync.core.internal.apply.SourceRows;
import dev.bisync.core.internal.conflicts.ConflictStore;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.map.TableRouter;
import dev.bisync.core.internal.resolve.CurrentRows;
import dev.bisync.core.internal.target.DialectResolver;
import dev.bisync.core.internal.target.TargetCatalog;
import dev.bisync.core.internal.target.TargetConnections;
import dev.bisync.core.internal.target.TargetSession;
import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Both databases of a sync, each opened as a lane's target is: a writer session with bisync's echo mark, its
 * dialect, its {@code bisync_conflicts}, and the map stage of the lane into it. What a manual resolution writes is
 * therefore marked as bisync's own and never captured back. Not thread-safe: one per admin.
 */
public final class ResolutionSides implements AutoCloseable {

    /** One database: its configuration, dialect, writer session and conflict records. */
    public record Side(SideConfig config, Dialect dialect, TargetSession session, ConflictStore store) {

        /** The side's name, e.g. {@code mariadb}. */
        public String name() {
            return config.name();
        }

        /** The side's current row of {@code route}'s table with that key, or null; in the session's transaction. */
        RowImage current(TableRoute route, RowImage key) throws SQLException {
            return new CurrentRows(session::statements).one(route, keyValues(route, key));
        }
    }

    private final SyncConfig config;
    private final Map<String, Side> sides = new LinkedHashMap<>();
    /** Per side: its rows read for a foreign-key resolution that restores them on the other side. */
    private final Map<String, SourceRows> readers = new LinkedHashMap<>();

    private ResolutionSides(SyncConfig config) {
        this.config = config;
    }

    /**
     * Connects to both sides' databases (as bisync's writer, with its echo mark).
     *
     * @throws SQLException when a database cannot be reached
     */
    public static ResolutionSides open(SyncConfig config) throws SQLException {
        ResolutionSides opened = new ResolutionSides(config);
        DialectResolver dialects = new DialectResolver();
        try {
            for (SideConfig side : List.of(config.sideA(), config.sideB())) {
                Dialect dialect;
                try (Connection c = TargetConnections.open(side.database())) {
                    dialect = dialects.resolve(side.database().jdbcUrl(), c);
                }
                TargetSession session = new TargetSession(side, dialect, config.echo(),
                        "[" + config.name() + "/conflicts/" + side.name() + "]");
                opened.sides.put(side.name(), new Side(side, dialect, session, new ConflictStore(dialect, side.name(),
                        side.namespace())));
            }
        } catch (SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    /** The sync's configuration. */
    public SyncConfig config() {
        return config;
    }

    /** Both sides, side A first. */
    public Collection<Side> all() {
        return sides.values();
    }

    /** The side by name, or null. */
    public Side named(String name) {
        return sides.get(name);
    }

    /** The side a conflict id ({@code <side>:<number>}) names. */
    public Side of(String id) {
        int colon = id == null ? -1 : id.lastIndexOf(':');
        Side side = colon < 0 ? null : sides.get(id.substring(0, colon));
        if (side == null) {
            throw new NoSuchElementException("no conflict '" + id + "': an id is <side>:<number>, the side being "
                    + String.join(" or ", sides.keySet()));
        }
        return side;
    }

    /**
     * One record, read in its side's session (rolled back after).
     *
     * @throws NoSuchElementException when there is no such record
     */
    public ConflictRecord record(String id) throws SQLException {
        Side side = of(id);
        Connection c = side.session().connection();
        try {
            return side.store().find(c, number(id)).orElseThrow(() -> new NoSuchElementException("no conflict " + id));
        } finally {
            c.rollback();
        }
    }

    /** The side that is not {@code side}. */
    Side otherThan(Side side) {
        return sides.values().stream().filter(s -> s != side).findFirst().orElseThrow();
    }

    /** The map stage of the lane into {@code target}: from the other side's tables. */
    TableRouter router(Side target) {
        SideConfig source = otherThan(target).config();
        Set<TableId> sourceTables = source.tables().stream().map(t -> new TableId(source.namespace(), t))
                .collect(Collectors.toSet());
        return new TableRouter(sourceTables, config.tableMapper(), target.config().namespace(),
                new TargetCatalog(target.dialect()), target.dialect());
    }

    /** Finds and restores in {@code into} rows its foreign keys refer to, read from {@code from}. */
    ParentRows parentRows(Side into, Side from, TableRouter router) {
        SourceRows reader = readers.computeIfAbsent(from.name(), name -> new SourceRows(
                from.config().database(), from.dialect(), name, from.config().namespace()));
        return new ParentRows(into.dialect(), into.session()::statements,
                new ReferencingRows(into.dialect(), into.session()::statements), router, reader);
    }

    /** The key's values in {@code route}'s key order. */
    static Object[] keyValues(TableRoute route, RowImage key) {
        Object[] values = new Object[route.keyColumns().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = key.get(route.keyColumns().get(i).name());
        }
        return values;
    }

    /** A table named {@code namespace.name}, as conflict records name them. */
    static TableId tableId(String qualified) {
        int dot = qualified.indexOf('.');
        return TableId.of(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** The record number of a conflict id. */
    public static long number(String id) {
        try {
            return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new NoSuchElementException("no conflict '" + id + "': an id is <side>:<number>");
        }
    }

    @Override
    public void close() {
        sides.values().forEach(side -> side.session().close());
        readers.values().forEach(SourceRows::close);
    }
}

package dev.bisync.core.internal.map;

import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RowImage;
import dev.bisync.api.TableId;
import dev.bisync.core.internal.target.TargetCatalog;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.TableMapper;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 3 of a lane, map: finds each source table's target table through the {@link TableMapper}, checks it and
 * its columns against the target's metadata (read once per table), and turns changes into target rows. Every
 * identifier that reaches SQL has been found in the target's metadata; a change of a table the lane does not sync
 * is refused before any metadata is read, so a name made up by a bad record never reaches the target database,
 * not even as a bound value. Used by one lane thread.
 */
public final class TableRouter {

    private final Set<TableId> sourceTables;
    private final TableMapper mapper;
    private final String targetNamespace;
    private final TargetCatalog catalog;
    private final Dialect dialect;
    private final Map<TableId, TableRoute> routes = new HashMap<>();

    /**
     * @param sourceTables the source tables the lane syncs; a change of any other table is unmappable
     */
    public TableRouter(Set<TableId> sourceTables, TableMapper mapper, String targetNamespace, TargetCatalog catalog,
            Dialect dialect) {
        this.sourceTables = Set.copyOf(sourceTables);
        this.mapper = mapper;
        this.targetNamespace = targetNamespace;
        this.catalog = catalog;
        this.dialect = dialect;
    }

    /**
     * The change in the target's terms.
     *
     * @throws MissingTableException     when the target lacks the table or its primary key
     * @throws UnmappableChangeException when the lane does not sync the table, a column is unknown to the target
     *                                   or a key value is missing
     */
    public MappedChange map(Connection connection, ChangeEvent event) throws SQLException {
        TableRoute route = route(connection, event.table());
        RowImage incoming = event.operation().writesRow() ? mapRow(route, event.after()) : null;
        RowImage before = event.before() == null ? null : mapRow(route, event.before());
        List<ColumnMetadata> keyColumns = route.keyColumns();
        Object[] keyValues = new Object[keyColumns.size()];
        RowImage keySource = incoming != null ? incoming : before;
        RowImage mappedKey = null;
        for (int i = 0; i < keyValues.length; i++) {
            String column = keyColumns.get(i).name();
            RowImage from = keySource;
            if (from == null || !from.has(column)) {
                mappedKey = mappedKey != null ? mappedKey : mapRow(route, event.key());
                from = mappedKey;
            }
            if (!from.has(column)) {
                throw new UnmappableChangeException("change to " + event.table() + " carries no value for "
                        + route.target().id() + " key column " + column);
            }
            keyValues[i] = from.get(column);
        }
        return new MappedChange(event, route, RowKey.of(keyValues), keyValues, incoming, before);
    }

    /** A source row in the target's terms: target column names, values as the mapper transforms them. */
    public static RowImage mapRow(TableRoute route, RowImage row) {
        if (route.passesUnchanged(row)) {
            return row;
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>(row.size() * 2);
        for (Map.Entry<String, Object> e : row.values().entrySet()) {
            ColumnMetadata column = route.targetColumn(e.getKey());
            if (column != null) {
                values.put(column.name(), route.transform(e.getKey(), e.getValue()));
            }
        }
        return RowImage.wrap(values);
    }

    /**
     * The route of a source table, made and checked on first use.
     *
     * @throws UnmappableChangeException when the lane does not sync the table
     * @throws MissingTableException     when the target lacks the table or its primary key
     */
    public TableRoute route(Connection connection, TableId source) throws SQLException {
        TableRoute route = routes.get(source);
        if (route == null) {
            if (!sourceTables.contains(source)) {
                throw new UnmappableChangeException("table " + source + " is not synced by this lane (it syncs "
                        + sourceTables.stream().map(TableId::toString).sorted().toList() + ")");
            }
            route = newRoute(connection, source);
            routes.put(source, route);
        }
        return route;
    }

    private TableRoute newRoute(Connection connection, TableId source) throws SQLException {
        TableId targetId = mapper.targetTable(source, targetNamespace);
        TableMetadata target = catalog.table(connection, targetId).orElseThrow(() -> new MissingTableException(
                "target table " + targetId + " for source table " + source + " does not exist: create it, or map "
                        + source + " to an existing table with a TableMapper"));
        if (target.primaryKey().isEmpty()) {
            throw new MissingTableException("target table " + targetId + " has no primary key: bisync needs one "
                    + "to find the rows a change touches");
        }
        return new TableRoute(source, target, mapper, dialect);
    }

    /** The synced source table whose rows land in {@code target}, or null when the lane syncs none into it. */
    public TableId sourceOf(TableId target) {
        for (TableId source : sourceTables) {
            if (mapper.targetTable(source, targetNamespace).equals(target)) {
                return source;
            }
        }
        return null;
    }

    /** Forgets every route and all metadata, after a failure whose cause may be a schema change. */
    public void forgetAll() {
        routes.clear();
        catalog.forgetAll();
    }
}

package dev.bisync.core.internal.apply;

import dev.bisync.api.TableId;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Removes the target rows that refer, by foreign key, to a row a lane is about to delete: the rows the target's
 * own application added to it while the source deleted it (a delete racing an insert of a child wins, as a delete
 * racing an update of the row does). Follows the foreign keys down, deepest first (an order's items before the
 * order, before the customer), one {@code DELETE … WHERE (fk) IN (SELECT …)} per referencing table, all bound to
 * the deleted row's key. The referencing tables come from the target's metadata, read once per table; the
 * statements are built once per table. Runs in the lane's transaction; used by one lane thread.
 */
public final class ReferencingRows {

    /** How deep a chain of foreign keys is followed (a cycle ends here too). */
    private static final int MAX_DEPTH = 8;

    private final Dialect dialect;
    private final Supplier<StatementCache> statements;
    private final Map<TableId, List<Reference>> references = new HashMap<>();
    private final Map<TableId, List<Cascade>> cascades = new HashMap<>();
    private final Map<TableId, List<Reference>> parents = new HashMap<>();
    private final Map<Reference, String> exists = new HashMap<>();

    /**
     * A foreign key: {@code childColumns} of {@code child} refer to {@code parentColumns} of {@code parent}, column
     * by column.
     */
    public record Reference(TableId child, List<String> childColumns, TableId parent, List<String> parentColumns) {
    }

    /** One delete of the cascade: rows of {@code table}, by a statement bound to the deleted row's key. */
    private record Cascade(TableId table, String sql) {
    }

    public ReferencingRows(Dialect dialect, Supplier<StatementCache> statements) {
        this.dialect = dialect;
        this.statements = statements;
    }

    /**
     * Deletes every target row that refers, directly or through other rows, to the row {@code delete} removes.
     *
     * @return the rows removed per table ({@code namespace.table}), deepest first; empty when none referred to it
     */
    public Map<String, Integer> removeReferencing(Connection connection, Write delete) throws SQLException {
        List<Cascade> plan = cascades.get(delete.route().target().id());
        if (plan == null) {
            plan = new ArrayList<>();
            List<ColumnMetadata> key = delete.route().keyColumns();
            String where = keyCondition(key);
            plan(connection, delete.route().target().id(), "SELECT %s FROM " + qualified(delete.route().target().id())
                    + " WHERE " + where, 0, plan);
            cascades.put(delete.route().target().id(), plan);
        }
        Map<String, Integer> removed = new LinkedHashMap<>();
        List<ColumnBinder> binders = delete.route().keyBinders();
        for (Cascade cascade : plan) {
            PreparedStatement ps = statements.get().get(cascade.sql());
            for (int i = 0; i < binders.size(); i++) {
                binders.get(i).bind(ps, i + 1, delete.keyValues()[i]);
            }
            int n = ps.executeUpdate();
            if (n > 0) {
                removed.merge(cascade.table().namespace() + "." + cascade.table().name(), n, Integer::sum);
            }
        }
        return removed;
    }

    /**
     * Adds, deepest first, the deletes of the rows referring to the rows of {@code parent} that {@code selectParent}
     * selects ({@code %s} stands for the selected columns).
     */
    private void plan(Connection connection, TableId parent, String selectParent, int depth, List<Cascade> plan)
            throws SQLException {
        if (depth >= MAX_DEPTH) {
            return;
        }
        for (Reference r : references(connection, parent)) {
            String parentColumns = columns(r.parentColumns());
            String childColumns = columns(r.childColumns());
            String condition = (r.childColumns().size() == 1 ? childColumns : "(" + childColumns + ")") + " IN ("
                    + String.format(selectParent, parentColumns) + ")";
            if (!r.child().equals(parent)) {
                plan(connection, r.child(), "SELECT %s FROM " + qualified(r.child()) + " WHERE " + condition, depth + 1,
                        plan);
            }
            plan.add(new Cascade(r.child(), "DELETE FROM " + qualified(r.child()) + " WHERE " + condition));
        }
    }

    /** The foreign keys that refer to {@code parent}, from the target's metadata (read once per table). */
    public List<Reference> references(Connection connection, TableId parent) throws SQLException {
        List<Reference> cached = references.get(parent);
        if (cached == null) {
            cached = foreignKeys(connection, parent, true);
            references.put(parent, cached);
        }
        return cached;
    }

    /** The foreign keys of {@code child}: the rows its rows refer to, from the target's metadata (once per table). */
    public List<Reference> parents(Connection connection, TableId child) throws SQLException {
        List<Reference> cached = parents.get(child);
        if (cached == null) {
            cached = foreignKeys(connection, child, false);
            parents.put(child, cached);
        }
        return cached;
    }

    /**
     * The foreign keys by which target rows refer directly to the row {@code delete} removes (one query per
     * foreign key, built once per table).
     */
    public List<Reference> referring(Connection connection, Write delete) throws SQLException {
        TableId table = delete.route().target().id();
        List<Reference> found = new ArrayList<>();
        String where = keyCondition(delete.route().keyColumns());
        for (Reference r : references(connection, table)) {
            String sql = exists.computeIfAbsent(r, x -> "SELECT 1 FROM " + qualified(x.child()) + " WHERE "
                    + (x.childColumns().size() == 1 ? columns(x.childColumns()) : "(" + columns(x.childColumns())
                    + ")") + " IN (SELECT " + columns(x.parentColumns()) + " FROM " + qualified(table) + " WHERE "
                    + where + ") LIMIT 1");
            PreparedStatement ps = statements.get().get(sql);
            List<ColumnBinder> binders = delete.route().keyBinders();
            for (int i = 0; i < binders.size(); i++) {
                binders.get(i).bind(ps, i + 1, delete.keyValues()[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    /** The foreign keys that refer to {@code table} ({@code exported}) or that {@code table} holds. */
    private List<Reference> foreignKeys(Connection connection, TableId table, boolean exported) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        boolean asSchema = md.supportsSchemasInTableDefinitions(); // PostgreSQL: schema; MySQL/MariaDB: catalog
        Map<String, List<String[]>> byKey = new LinkedHashMap<>();
        Map<String, TableId[]> tablesOf = new HashMap<>();
        try (ResultSet rs = exported
                ? (asSchema ? md.getExportedKeys(null, table.namespace(), table.name())
                        : md.getExportedKeys(table.namespace(), null, table.name()))
                : (asSchema ? md.getImportedKeys(null, table.namespace(), table.name())
                        : md.getImportedKeys(table.namespace(), null, table.name()))) {
            while (rs.next()) {
                TableId child = TableId.of(asSchema ? rs.getString("FKTABLE_SCHEM") : rs.getString("FKTABLE_CAT"),
                        rs.getString("FKTABLE_NAME"));
                TableId parent = TableId.of(asSchema ? rs.getString("PKTABLE_SCHEM") : rs.getString("PKTABLE_CAT"),
                        rs.getString("PKTABLE_NAME"));
                String name = child + "/" + rs.getString("FK_NAME");
                tablesOf.put(name, new TableId[] {child, parent});
                List<String[]> columns = byKey.computeIfAbsent(name, k -> new ArrayList<>());
                int seq = rs.getInt("KEY_SEQ");
                while (columns.size() < seq) {
                    columns.add(null);
                }
                columns.set(seq - 1, new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
            }
        }
        List<Reference> found = new ArrayList<>();
        byKey.forEach((name, columns) -> found.add(new Reference(tablesOf.get(name)[0],
                columns.stream().map(c -> c[0]).toList(), tablesOf.get(name)[1],
                columns.stream().map(c -> c[1]).toList())));
        return List.copyOf(found);
    }

    private String keyCondition(List<ColumnMetadata> key) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(dialect.statements().quote(key.get(i).name())).append(" = ?");
        }
        return sql.toString();
    }

    private String columns(List<String> names) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.statements().quote(names.get(i)));
        }
        return sql.toString();
    }

    private String qualified(TableId table) {
        return dialect.statements().quote(table.namespace()) + "." + dialect.statements().quote(table.name());
    }

    /** Drops what was read from the metadata (after a schema change). */
    public void forgetAll() {
        references.clear();
        cascades.clear();
        parents.clear();
        exists.clear();
    }
}

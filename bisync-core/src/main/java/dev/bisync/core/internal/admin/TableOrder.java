package dev.bisync.core.internal.admin;

import dev.bisync.api.TableId;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The foreign-key depth of tables on one database: 0 for a table that refers to none of the others, else one more
 * than the deepest table it refers to (a cycle is cut where it closes). Rows are upserted by rising depth (parents
 * first) and deleted by falling depth (children first).
 */
final class TableOrder {

    private TableOrder() {
    }

    /** Each table's depth, by name. */
    static Map<String, Integer> depths(Connection connection, List<TableId> tables) throws SQLException {
        Map<String, Set<String>> parents = new HashMap<>();
        Set<String> names = new HashSet<>();
        tables.forEach(t -> names.add(t.name()));
        DatabaseMetaData md = connection.getMetaData();
        // the namespace is a schema on PostgreSQL and a catalog on MySQL/MariaDB (see init.CopyRun)
        boolean asSchema = md.supportsSchemasInTableDefinitions();
        for (TableId id : tables) {
            Set<String> refers = new HashSet<>();
            try (ResultSet rs = asSchema ? md.getImportedKeys(null, id.namespace(), id.name())
                    : md.getImportedKeys(id.namespace(), null, id.name())) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME");
                    if (names.contains(parent) && !parent.equals(id.name())) {
                        refers.add(parent);
                    }
                }
            }
            parents.put(id.name(), refers);
        }
        Map<String, Integer> depth = new HashMap<>();
        for (String t : parents.keySet()) {
            depth(t, parents, depth, new HashSet<>());
        }
        return depth;
    }

    private static int depth(String table, Map<String, Set<String>> parents, Map<String, Integer> depth,
            Set<String> visiting) {
        Integer known = depth.get(table);
        if (known != null) {
            return known;
        }
        if (!visiting.add(table)) {
            return 0; // a cycle
        }
        int d = 0;
        for (String p : parents.getOrDefault(table, Set.of())) {
            d = Math.max(d, depth(p, parents, depth, visiting) + 1);
        }
        depth.put(table, d);
        return d;
    }
}

package dev.bisync.core.internal.target;

import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.TableMetadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The target's table metadata, read once per table through the dialect and cached until {@link #forgetAll} (called
 * after a failed batch, whose cause may be a schema change). Used by one lane thread.
 */
public final class TargetCatalog {

    private final Dialect dialect;
    private final Map<TableId, Optional<TableMetadata>> tables = new HashMap<>();

    public TargetCatalog(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The table's metadata, or empty when the target has no such table. */
    public Optional<TableMetadata> table(Connection connection, TableId id) throws SQLException {
        Optional<TableMetadata> cached = tables.get(id);
        if (cached == null) {
            cached = Optional.ofNullable(dialect.catalog().describe(connection, id));
            tables.put(id, cached);
        }
        return cached;
    }

    /** Drops everything. */
    public void forgetAll() {
        tables.clear();
    }
}

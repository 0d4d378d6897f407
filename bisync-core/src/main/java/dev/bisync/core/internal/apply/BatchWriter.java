package dev.bisync.core.internal.apply;

import dev.bisync.api.RowImage;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.spi.dialect.ColumnBinder;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stage 5 of a lane, apply: performs a batch's writes in source commit order, as few statements as the order
 * allows. Consecutive writes of the same kind to the same table (and, for upserts, the same columns) go out as one
 * JDBC batch, which the drivers send as one multi-row statement; a row written twice in such a run is written
 * once, with its last value. Runs inside the caller's transaction; commits nothing.
 */
public final class BatchWriter {

    private final Supplier<StatementCache> statements;

    public BatchWriter(Supplier<StatementCache> statements) {
        this.statements = statements;
    }

    /** Writes all, in order. */
    public void write(List<Write> writes) throws SQLException {
        Run run = null;
        for (Write write : writes) {
            if (run == null || !run.accepts(write)) {
                if (run != null) {
                    run.execute();
                }
                run = new Run(write);
            }
            run.add(write);
        }
        if (run != null) {
            run.execute();
        }
    }

    /** Writes one write alone (to find which write of a failed batch is at fault). */
    public void writeOne(Write write) throws SQLException {
        write(List.of(write));
    }

    /** The non-key columns of a shape, in a fixed order. */
    private static List<String> setColumns(TableRoute route, Set<String> shape) {
        Set<String> keys = new java.util.HashSet<>();
        route.keyColumns().forEach(k -> keys.add(k.name()));
        return shape.stream().filter(c -> !keys.contains(c)).toList();
    }

    /** A run of writes of one kind, to one table, with one column shape. */
    private final class Run {
        private final TableRoute route;
        private final Write.Kind kind;
        private final boolean delete;
        private final boolean update;
        private final Set<String> shape;
        private final List<String> columnNames;
        private final Map<RowKey, Write> byKey = new LinkedHashMap<>();

        Run(Write first) {
            this.route = first.route();
            this.kind = first.kind();
            this.delete = kind == Write.Kind.DELETE;
            this.update = kind == Write.Kind.UPDATE;
            this.shape = delete ? null : first.row().columns();
            this.columnNames = delete ? null : update ? setColumns(route, shape) : List.copyOf(shape);
        }

        boolean accepts(Write write) {
            return write.route() == route && write.kind() == kind
                    && (delete || write.row().columns().equals(shape));
        }

        void add(Write write) {
            byKey.put(write.key(), write);
        }

        void execute() throws SQLException {
            PreparedStatement ps = statements.get().get(switch (kind) {
                case DELETE -> route.deleteSql();
                case UPDATE -> route.updateSql(columnNames);
                case INSERT -> route.insertSql(columnNames);
                case UPSERT -> route.upsertSql(columnNames);
            });
            try {
                addRows(ps);
                ps.executeBatch();
            } catch (SQLException | RuntimeException e) {
                ps.clearBatch(); // the statement is reused: leave nothing of this run in it
                throw e;
            }
        }

        private void addRows(PreparedStatement ps) throws SQLException {
            List<ColumnBinder> keyBinders = route.keyBinders();
            List<ColumnBinder> binders = delete ? List.of() : route.binders(columnNames);
            for (Write w : byKey.values()) {
                int index = 1;
                for (int c = 0; c < binders.size(); c++) {
                    binders.get(c).bind(ps, index++, w.row().get(columnNames.get(c)));
                }
                if (delete || update) {
                    for (int c = 0; c < keyBinders.size(); c++) {
                        keyBinders.get(c).bind(ps, index++, w.keyValues()[c]);
                    }
                }
                ps.addBatch();
            }
        }
    }
}

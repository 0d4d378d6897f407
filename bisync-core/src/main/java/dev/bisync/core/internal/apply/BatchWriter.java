package dev.bisync.core.internal.apply;

import dev.bisync.api.RowImage;
import dev.bisync.core.internal.map.RowKey;
import dev.bisync.core.internal.map.TableRoute;
import dev.bisync.core.internal.resolve.Write;
import dev.bisync.core.internal.target.StatementCache;
import dev.bisync.spi.ColumnBinder;

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

    /** A run of writes of one kind, to one table, with one column shape. */
    private final class Run {
        private final TableRoute route;
        private final boolean delete;
        private final Set<String> shape;
        private final List<String> columnNames;
        private final Map<RowKey, Write> byKey = new LinkedHashMap<>();

        Run(Write first) {
            this.route = first.route();
            this.delete = first.isDelete();
            this.shape = delete ? null : first.row().columns();
            this.columnNames = delete ? null : List.copyOf(shape);
        }

        boolean accepts(Write write) {
            return write.route() == route && write.isDelete() == delete
                    && (delete || write.row().columns().equals(shape));
        }

        void add(Write write) {
            byKey.put(write.key(), write);
        }

        void execute() throws SQLException {
            PreparedStatement ps = delete ? statements.get().get(route.deleteSql())
                    : statements.get().get(route.upsertSql(columnNames));
            try {
                addRows(ps);
                ps.executeBatch();
            } catch (SQLException | RuntimeException e) {
                ps.clearBatch(); // the statement is reused: leave nothing of this run in it
                throw e;
            }
        }

        private void addRows(PreparedStatement ps) throws SQLException {
            if (delete) {
                List<ColumnBinder> keyBinders = route.keyBinders();
                for (Write w : byKey.values()) {
                    for (int c = 0; c < keyBinders.size(); c++) {
                        keyBinders.get(c).bind(ps, c + 1, w.keyValues()[c]);
                    }
                    ps.addBatch();
                }
                return;
            }
            List<ColumnBinder> binders = route.binders(columnNames);
            for (Write w : byKey.values()) {
                RowImage row = w.row();
                for (int c = 0; c < binders.size(); c++) {
                    binders.get(c).bind(ps, c + 1, row.get(columnNames.get(c)));
                }
                ps.addBatch();
            }
        }
    }
}

package dev.bisync.core.internal.map;

import dev.bisync.api.RowImage;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.ColumnReader;
import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.TableMapper;
import dev.bisync.spi.dialect.TableMetadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one source table lands in its target table: the target's metadata, the source-to-target column names, the
 * target's SQL statements and each target column's value conversions ({@link dev.bisync.spi.dialect.ValueCodecs#binder},
 * {@link dev.bisync.spi.dialect.ValueCodecs#reader}), built once per table (and per column shape for upserts) and then reused.
 */
public final class TableRoute {

    /** Key counts the select-by-keys statement is prepared for; a batch's keys are padded up to one of them. */
    static final int[] KEY_BUCKETS = {1, 8, 64, 512};

    private final TableId source;
    private final TableMetadata target;
    private final TableMapper mapper;
    private final Map<String, ColumnMetadata> targetColumnBySource = new HashMap<>();
    private final List<ColumnMetadata> keyColumns;
    private final Dialect dialect;
    private final Map<List<String>, List<ColumnMetadata>> shapes = new HashMap<>();
    private final Map<String, ColumnBinder> binderByColumn = new HashMap<>();
    private final Map<List<String>, List<ColumnBinder>> shapeBinders = new HashMap<>();
    private final List<ColumnBinder> keyBinders;
    private final List<ColumnReader> readers;
    private final Map<List<String>, String> upserts = new HashMap<>();
    private final Map<List<String>, String> updates = new HashMap<>();
    private final Map<List<String>, String> inserts = new HashMap<>();
    private final String delete;
    private final String[] selects = new String[KEY_BUCKETS.length];
    /** Whether the mapper keeps values as they are (it does not override {@link TableMapper#transform}). */
    private final boolean keepsValues;

    TableRoute(TableId source, TableMetadata target, TableMapper mapper, Dialect dialect) {
        this.source = source;
        this.target = target;
        this.mapper = mapper;
        this.keyColumns = target.keyColumns();
        this.dialect = dialect;
        this.delete = dialect.statements().deleteSql(target);
        this.keepsValues = keepsValues(mapper);
        for (ColumnMetadata column : target.columns()) {
            binderByColumn.put(column.name(), dialect.values().binder(target.id(), column));
        }
        this.keyBinders = keyColumns.stream().map(c -> binderByColumn.get(c.name())).toList();
        this.readers = target.columns().stream().map(dialect.values()::reader).toList();
        for (int i = 0; i < KEY_BUCKETS.length; i++) {
            selects[i] = dialect.statements().selectByKeysSql(target, KEY_BUCKETS[i]);
        }
    }

    /** The source table. */
    public TableId source() {
        return source;
    }

    /** The target table. */
    public TableMetadata target() {
        return target;
    }

    /**
     * The target column a source column maps to, or null when the mapper leaves it out.
     *
     * @throws UnmappableChangeException when the mapper names a column the target does not have
     */
    public ColumnMetadata targetColumn(String sourceColumn) {
        ColumnMetadata column = targetColumnBySource.get(sourceColumn);
        if (column == null && !targetColumnBySource.containsKey(sourceColumn)) {
            String name = mapper.targetColumn(source, sourceColumn);
            column = name == null ? null : target.column(name);
            if (name != null && column == null) {
                throw new UnmappableChangeException("target table " + target.id() + " has no column " + name
                        + " for " + source + "." + sourceColumn);
            }
            targetColumnBySource.put(sourceColumn, column);
        }
        return column;
    }

    /**
     * Whether a source row can be written as it is: the mapper keeps values unchanged and every column of the row
     * has a target column of the same name. Then the lane writes the decoded row without copying it.
     */
    public boolean passesUnchanged(RowImage row) {
        if (!keepsValues) {
            return false;
        }
        for (String sourceColumn : row.columns()) {
            ColumnMetadata column = targetColumn(sourceColumn);
            if (column == null || !column.name().equals(sourceColumn)) {
                return false;
            }
        }
        return true;
    }

    private static boolean keepsValues(TableMapper mapper) {
        try {
            return mapper.getClass().getMethod("transform", TableId.class, String.class, Object.class)
                    .getDeclaringClass() == TableMapper.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The value to write for a source column's value. */
    public Object transform(String sourceColumn, Object value) {
        return mapper.transform(source, sourceColumn, value);
    }

    /** The target's primary-key columns, in key order. */
    public List<ColumnMetadata> keyColumns() {
        return keyColumns;
    }

    /** The target columns, in the order of the given target column names (a row's shape). */
    public List<ColumnMetadata> columns(List<String> shape) {
        return shapes.computeIfAbsent(shape, s -> s.stream().map(target::column).toList());
    }

    /**
     * The binders of the target columns of a row's shape, in its order (made once per table, see
     * {@link dev.bisync.spi.dialect.ValueCodecs#binder}).
     */
    public List<ColumnBinder> binders(List<String> shape) {
        return shapeBinders.computeIfAbsent(shape, s -> s.stream().map(binderByColumn::get).toList());
    }

    /** The binders of the primary-key columns, in key order. */
    public List<ColumnBinder> keyBinders() {
        return keyBinders;
    }

    /** The readers of the target's columns, in table order (the order of the select-by-keys statement's columns). */
    public List<ColumnReader> readers() {
        return readers;
    }

    /** The upsert for rows of this shape (target column names, in order). */
    public String upsertSql(List<String> shape) {
        return upserts.computeIfAbsent(shape, s -> dialect.statements().upsertSql(target, columns(s)));
    }

    /**
     * {@code INSERT INTO table (c1, ...) VALUES (?, ...)} for a shape (parameters: the shape's values); made once per
     * shape from identifiers found in the target's metadata.
     */
    public String insertSql(List<String> shape) {
        return inserts.computeIfAbsent(shape, s -> {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.statements().quote(target.id().namespace()))
                    .append('.').append(dialect.statements().quote(target.id().name())).append(" (");
            for (int i = 0; i < s.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(dialect.statements().quote(target.column(s.get(i)).name()));
            }
            sql.append(") VALUES (").append("?, ".repeat(s.size() - 1)).append("?)");
            return sql.toString();
        });
    }

    /**
     * {@code UPDATE table SET c1 = ?, ... WHERE k1 = ? AND ...} for a shape of non-key columns (parameters: the
     * shape's values, then the key's); made once per shape from identifiers found in the target's metadata.
     */
    public String updateSql(List<String> setColumns) {
        return updates.computeIfAbsent(setColumns, s -> {
            StringBuilder sql = new StringBuilder("UPDATE ").append(dialect.statements().quote(target.id().namespace())).append('.')
                    .append(dialect.statements().quote(target.id().name())).append(" SET ");
            for (int i = 0; i < s.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(dialect.statements().quote(target.column(s.get(i)).name())).append(" = ?");
            }
            sql.append(" WHERE ");
            for (int i = 0; i < keyColumns.size(); i++) {
                sql.append(i == 0 ? "" : " AND ").append(dialect.statements().quote(keyColumns.get(i).name())).append(" = ?");
            }
            return sql.toString();
        });
    }

    /** The delete by primary key. */
    public String deleteSql() {
        return delete;
    }

    /** The smallest prepared key count that holds {@code keys} keys (at most the largest bucket). */
    public static int bucketFor(int keys) {
        for (int bucket : KEY_BUCKETS) {
            if (keys <= bucket) {
                return bucket;
            }
        }
        return KEY_BUCKETS[KEY_BUCKETS.length - 1];
    }

    /** The select-by-keys statement for a bucket size from {@link #bucketFor}. */
    public String selectSql(int bucket) {
        for (int i = 0; i < KEY_BUCKETS.length; i++) {
            if (KEY_BUCKETS[i] == bucket) {
                return selects[i];
            }
        }
        throw new IllegalArgumentException("not a key bucket: " + bucket);
    }
}

package dev.bisync.postgres.internal;

import dev.bisync.spi.dialect.BulkLoader;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.TableMetadata;
import dev.bisync.spi.values.UnfitValueException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.TimestampUtils;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Writes rows with {@code COPY table (columns) FROM STDIN} in text format through pgjdbc's {@link CopyManager}:
 * each row's fields encoded by {@link PostgresCopyText} (the binders' conversions, each column's chosen once) and
 * streamed to the server in buffers of about {@value #BUFFER_CHARS} characters. One {@code COPY} per call, inside
 * the caller's transaction; a value the column cannot hold exactly cancels the {@code COPY} and is refused as the
 * binder refuses it.
 */
final class PostgresCopyLoader implements BulkLoader {

    private static final int BUFFER_CHARS = 64 * 1024;

    private final CopyManager copy;
    private final TableMetadata table;
    private final List<ColumnMetadata> columns;
    private final List<Function<Object, String>> fields;
    private final String sql;

    private PostgresCopyLoader(CopyManager copy, TimestampUtils times, TableMetadata table,
            List<ColumnMetadata> columns) {
        this.copy = copy;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.fields = columns.stream().map(c -> PostgresCopyText.of(c, times)).toList();
        StringJoiner names = new StringJoiner(", ", " (", ")");
        columns.forEach(c -> names.add(PostgresStatements.SQL.quote(c.name())));
        this.sql = "COPY " + PostgresStatements.SQL.table(table.id()) + names + " FROM STDIN";
    }

    /** A loader on a pgjdbc connection. */
    static PostgresCopyLoader on(Connection connection, TableMetadata table, List<ColumnMetadata> columns)
            throws SQLException {
        return new PostgresCopyLoader(connection.unwrap(PGConnection.class).getCopyAPI(),
                connection.unwrap(BaseConnection.class).getTimestampUtils(), table, columns);
    }

    @Override
    public long load(List<Object[]> rows) throws SQLException {
        CopyIn in = copy.copyIn(sql);
        try {
            StringBuilder buffer = new StringBuilder(BUFFER_CHARS + 4096);
            for (Object[] row : rows) {
                append(row, buffer);
                if (buffer.length() >= BUFFER_CHARS) {
                    write(in, buffer);
                }
            }
            write(in, buffer);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void append(Object[] row, StringBuilder buffer) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            Object value = row[i];
            try {
                UnfitValueException.refuseUnrepresentable(value);
                PostgresCopyText.escape(value == null ? null : fields.get(i).apply(value), buffer);
            } catch (UnfitValueException e) {
                throw e.rejection(table.id(), columns.get(i).name(), columns.get(i).typeName(), value);
            }
        }
        buffer.append('\n');
    }

    private static void write(CopyIn in, StringBuilder buffer) throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    @Override
    public String method() {
        return "COPY";
    }
}

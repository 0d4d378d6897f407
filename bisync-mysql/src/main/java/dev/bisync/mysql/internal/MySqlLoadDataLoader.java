package dev.bisync.mysql.internal;

import dev.bisync.mysql.internal.MySqlValueBinder.Conversion;
import dev.bisync.mysql.internal.MySqlValueBinder.Form;
import dev.bisync.spi.dialect.BulkLoader;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.TableMetadata;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Writes rows with {@code LOAD DATA LOCAL INFILE}, the rows handed to the driver as the "file" (its
 * {@code setLocalInfileInputStream}, MySQL Connector/J's or MariaDB Connector/J's: {@link LocalInfile}), in the default tab-separated format, {@code CHARACTER SET
 * utf8mb4}. Each value is first converted by the binder's own {@link MySqlValueBinder#conversion conversion}, then
 * written as the driver's setter would send it and the server would read it: text escaped (backslash, tab, newline,
 * carriage return, NUL), numbers in the driver's text (a negative zero as 0, a YEAR in four digits, as the server
 * reads the driver's literals), binary values (and BIT values) as hex into a variable that
 * {@code SET col = UNHEX(@v)} stores. The encoding of each column is chosen once.
 *
 * <p>With {@code LOCAL} the server turns errors into warnings and skips rows whose key exists ({@code IGNORE}
 * semantics), so the loader checks that the server wrote every row and raised no warning; otherwise it throws, and
 * the engine rolls the chunk back and writes it with upserts, which report the real error if there is one.
 */
final class MySqlLoadDataLoader implements BulkLoader {

    private static final HexFormat HEX = HexFormat.of();
    private static final int SHOWN_WARNINGS = 3;

    private final Connection connection;
    private final LocalInfile localInfile;
    private final TableMetadata table;
    private final List<ColumnMetadata> columns;
    private final List<Function<Object, Object>> conversions;
    private final List<Field> fields;
    private final String sql;

    /** How a converted value is written into the file. */
    @FunctionalInterface
    private interface Field {
        void write(Object converted, StringBuilder out);
    }

    private MySqlLoadDataLoader(Connection connection, LocalInfile localInfile, TableMetadata table,
            List<ColumnMetadata> columns, List<Conversion> conversions) {
        this.connection = connection;
        this.localInfile = localInfile;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.conversions = conversions.stream().map(Conversion::convert).toList();
        this.fields = conversions.stream().map(c -> field(c.form())).toList();
        StringJoiner targets = new StringJoiner(", ", " (", ")");
        StringJoiner sets = new StringJoiner(", ", " SET ", "");
        for (int i = 0; i < columns.size(); i++) {
            String name = MySqlStatements.SQL.quote(columns.get(i).name());
            if (hex(conversions.get(i).form())) {
                targets.add("@v" + i);
                sets.add(name + " = UNHEX(@v" + i + ")");
            } else {
                targets.add(name);
            }
        }
        this.sql = "LOAD DATA LOCAL INFILE 'bisync-rows' INTO TABLE " + MySqlStatements.SQL.table(table.id())
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY x'09' ESCAPED BY x'5C' LINES TERMINATED BY x'0A'"
                + targets + (sets.length() > " SET ".length() ? sets.toString() : "");
    }

    /**
     * A loader, when the connection may send local files (MySQL Connector/J {@code allowLoadLocalInfile=true},
     * MariaDB Connector/J {@code allowLocalInfile=true}), the server accepts them ({@code local_infile} ON) and every
     * column has a type the loader writes; else empty (another driver, too).
     */
    static Optional<BulkLoader> on(Connection connection, TableMetadata table, List<ColumnMetadata> columns)
            throws SQLException {
        Optional<LocalInfile> localInfile = LocalInfile.of(connection);
        if (localInfile.isEmpty()) {
            return Optional.empty();
        }
        List<Conversion> conversions = new ArrayList<>();
        for (ColumnMetadata column : columns) {
            Conversion conversion = MySqlValueBinder.conversion(column);
            if (conversion.form() == Form.TEXT_OR_BYTES) {
                return Optional.empty(); // a type bisync does not know: bound as the value comes, text or bytes
            }
            conversions.add(conversion);
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@GLOBAL.local_infile")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return Optional.empty();
            }
        }
        return Optional.of(new MySqlLoadDataLoader(connection, localInfile.get(), table, columns, conversions));
    }

    @Override
    public long load(List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        byte[] file = file(rows);
        long written;
        try (Statement statement = connection.createStatement()) {
            localInfile.attach(statement, new ByteArrayInputStream(file));
            written = statement.executeLargeUpdate(sql);
        }
        long warnings = warnings();
        if (written != rows.size() || warnings > 0) {
            String reason = "LOAD DATA into " + table.id() + " wrote " + written + " of " + rows.size()
                    + " rows with " + warnings + " warnings" + shownWarnings();
            throw written != rows.size() ? new SQLIntegrityConstraintViolationException(reason, "23000")
                    : new SQLException(reason, "22000");
        }
        return written;
    }

    /** The rows as the file's bytes: at most one chunk, which the engine holds in memory anyway. */
    private byte[] file(List<Object[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 256);
        StringBuilder line = new StringBuilder(1024);
        for (Object[] row : rows) {
            line.setLength(0);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append('\t');
                }
                Object value = row[i];
                if (value == null) {
                    line.append("\\N");
                    continue;
                }
                try {
                    UnfitValueException.refuseUnrepresentable(value);
                    fields.get(i).write(conversions.get(i).apply(value), line);
                } catch (UnfitValueException e) {
                    throw e.rejection(table.id(), columns.get(i).name(), columns.get(i).typeName(), value);
                }
            }
            line.append('\n');
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private long warnings() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@warning_count")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private String shownWarnings() throws SQLException {
        StringJoiner shown = new StringJoiner("; ", ": ", "");
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SHOW WARNINGS LIMIT " + SHOWN_WARNINGS)) {
            while (rs.next()) {
                shown.add(rs.getString("Message"));
            }
        }
        return shown.length() > 2 ? shown.toString() : "";
    }

    private static boolean hex(Form form) {
        return form == Form.BYTES || form == Form.BITS;
    }

    /** How the driver's setter of the form sends a value, in the file's text. */
    private static Field field(Form form) {
        return switch (form) {
            case TEXT -> (v, out) -> TextValues.appendEscaped((String) v, out);
            case INTEGER -> (v, out) -> out.append((long) (Long) v);
            case DECIMAL -> (v, out) -> out.append(((BigDecimal) v).toPlainString());
            case YEAR -> (v, out) -> out.append(String.format("%04d", (Long) v));
            // the driver sends -0.0 as a literal, which SQL reads as minus the decimal 0.0: 0
            case FLOAT -> (v, out) -> out.append((Float) v == 0 ? "0" // as the binder sends it: its exact double
                    : fixDecimalExponent(Double.toString((Float) v)));
            case DOUBLE -> (v, out) -> out.append((Double) v == 0 ? "0"
                    : fixDecimalExponent(Double.toString((Double) v)));
            case BYTES -> (v, out) -> out.append(HEX.formatHex((byte[]) v));
            case BITS -> (v, out) -> out.append(HEX.formatHex(v instanceof byte[] bytes ? bytes : bitBytes((Long) v)));
            case TEXT_OR_BYTES -> throw new IllegalArgumentException("no LOAD DATA field for " + form);
        };
    }

    /**
     * A double's text as the driver's literal has it: an exponent always signed ({@code 1.0E+20}), as MySQL
     * Connector/J's {@code StringUtils.fixDecimalExponent} writes it (its own copy: the class may be absent).
     */
    static String fixDecimalExponent(String text) {
        int e = text.indexOf('E');
        if (e < 0) {
            e = text.indexOf('e');
        }
        if (e > 0 && text.length() > e + 1 && Character.isDigit(text.charAt(e + 1))) {
            return text.substring(0, e + 1) + '+' + text.substring(e + 1);
        }
        return text;
    }

    /** A BIT value's number as big-endian bytes, as few as it needs. */
    private static byte[] bitBytes(long n) {
        byte[] bytes = BigInteger.valueOf(n).toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    @Override
    public String method() {
        return "LOAD DATA";
    }
}

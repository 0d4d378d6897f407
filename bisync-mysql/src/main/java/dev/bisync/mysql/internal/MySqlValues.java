package dev.bisync.mysql.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.ColumnReader;
import dev.bisync.spi.dialect.ValueCodecs;

/**
 * The MySQL/MariaDB value conversions: {@link MySqlValueReader} reads, {@link MySqlValueBinder} binds.
 *
 * <p>{@link #reader} reads, by column type ({@link ColumnMetadata#typeName()}), the Java type Debezium's schema
 * for that type decodes to:
 * <table>
 * <caption>canonical Java types</caption>
 * <tr><th>MySQL / MariaDB</th><th>Java</th></tr>
 * <tr><td>tinyint (also tinyint(1) / BOOLEAN), tinyint unsigned, smallint</td><td>Short</td></tr>
 * <tr><td>smallint unsigned, mediumint (unsigned), int</td><td>Integer</td></tr>
 * <tr><td>int unsigned, bigint</td><td>Long</td></tr>
 * <tr><td>bigint unsigned</td><td>BigInteger</td></tr>
 * <tr><td>decimal</td><td>BigDecimal (at the column's scale)</td></tr>
 * <tr><td>float / double</td><td>Float / Double</td></tr>
 * <tr><td>bit(1) / bit(n)</td><td>Boolean / byte[] (big-endian)</td></tr>
 * <tr><td>char (without padding), varchar, the text types, enum, set (members joined by commas)</td>
 *     <td>String</td></tr>
 * <tr><td>json (MariaDB: longtext with a json_valid check)</td><td>{@link dev.bisync.api.JsonText}</td></tr>
 * <tr><td>binary, varbinary, the blob types</td><td>byte[]</td></tr>
 * <tr><td>date / datetime</td><td>LocalDate / LocalDateTime</td></tr>
 * <tr><td>timestamp</td><td>Instant (read in the session's zone, UTC)</td></tr>
 * <tr><td>time</td><td>LocalTime within 00:00 to 24:00, else Duration (negative or beyond a day)</td></tr>
 * <tr><td>year</td><td>Integer</td></tr>
 * <tr><td>uuid (MariaDB)</td><td>UUID</td></tr>
 * <tr><td>geometry, point and the other spatial types</td><td>byte[] (WKB; the SRID is dropped, written as
 *     0)</td></tr>
 * <tr><td>other types (inet6 ...)</td><td>what the driver's getObject returns</td></tr>
 * </table>
 *
 * <p>{@link #binder} takes those types, the other canonical types where the conversion is exact (a Boolean into a
 * number as 1/0, an Instant into DATETIME as its UTC date-time, a LocalDateTime into TIMESTAMP as UTC, a UUID into
 * char or binary(16)), and text in the server's input form. Temporal values are sent as text, so neither the
 * driver's nor the JVM's time zone plays a part.
 */
final class MySqlValues implements ValueCodecs {

    static final MySqlValues VALUES = new MySqlValues();

    private MySqlValues() {
    }

    @Override
    public ColumnBinder binder(TableId table, ColumnMetadata column) {
        return MySqlValueBinder.binder(table, column);
    }

    @Override
    public ColumnReader reader(ColumnMetadata column) {
        return MySqlValueReader.reader(column);
    }

    @Override
    public ColumnReader copyReader(ColumnMetadata column) {
        return MySqlValueReader.copyReader(column);
    }
}

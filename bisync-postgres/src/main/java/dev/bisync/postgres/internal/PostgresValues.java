package dev.bisync.postgres.internal;

import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.ColumnBinder;
import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.ColumnReader;
import dev.bisync.spi.dialect.ValueCodecs;

/**
 * The PostgreSQL value conversions: {@link PostgresValueReader} reads, {@link PostgresValueBinder} binds.
 *
 * <p>{@link #reader} reads, by column type ({@link ColumnMetadata#typeName()}):
 * <table>
 * <caption>canonical Java types</caption>
 * <tr><th>PostgreSQL</th><th>Java</th></tr>
 * <tr><td>int2 / int4 / int8</td><td>Short / Integer / Long</td></tr>
 * <tr><td>numeric</td><td>BigDecimal (at the column's scale)</td></tr>
 * <tr><td>float4 / float8</td><td>Float / Double</td></tr>
 * <tr><td>bool</td><td>Boolean</td></tr>
 * <tr><td>text, varchar, bpchar (without its padding spaces), enums, and every type not listed</td>
 *     <td>String (the server's text form)</td></tr>
 * <tr><td>bytea</td><td>byte[]</td></tr>
 * <tr><td>date / time / timetz</td><td>LocalDate / LocalTime (Duration for 24:00) / OffsetTime at UTC (as
 *     Debezium sends it)</td></tr>
 * <tr><td>point</td><td>byte[] (WKB), as Debezium's Point carries it</td></tr>
 * <tr><td>hstore</td><td>{@link dev.bisync.api.JsonText} of an object of strings, as Debezium's
 *     {@code hstore.handling.mode=json} carries it</td></tr>
 * <tr><td>timestamp / timestamptz</td><td>LocalDateTime / Instant</td></tr>
 * <tr><td>interval</td><td>Duration without years and months, else String in Debezium's ISO form,
 *     {@code P1Y2M3DT4H5M6.5S}</td></tr>
 * <tr><td>money</td><td>BigDecimal (from the text form; needs a {@code lc_monetary} with a '.' decimal
 *     point)</td></tr>
 * <tr><td>bit(1) / bit(n), varbit</td><td>Boolean / byte[] (the bits as a big-endian number, as MySQL's
 *     BIT)</td></tr>
 * <tr><td>json / jsonb</td><td>{@link dev.bisync.api.JsonText} (jsonb as the server normalises it)</td></tr>
 * <tr><td>uuid</td><td>UUID</td></tr>
 * <tr><td>arrays</td><td>List of the element type's values (nested lists for more dimensions)</td></tr>
 * </table>
 *
 * <p>{@link #binder} takes those types, the other canonical types where the conversion is exact (a Long into int2
 * within range, an Instant into timestamp as UTC, a LocalDateTime into timestamptz as UTC, a Duration under a day
 * into time, 0/1 into bool, a JSON array's text into an array), and text in the server's input form for any column.
 * Types without a typed setter (json, jsonb, enums, interval, arrays, inet and the rest) are bound as text of
 * unspecified type ({@code Types.OTHER}): the server reads them as the column's type, so the statements need no casts
 * and pgjdbc's {@code reWriteBatchedInserts} still rewrites the upsert.
 */
final class PostgresValues implements ValueCodecs {

    static final PostgresValues VALUES = new PostgresValues();

    private PostgresValues() {
    }

    @Override
    public ColumnBinder binder(TableId table, ColumnMetadata column) {
        return PostgresValueBinder.binder(table, column);
    }

    @Override
    public ColumnReader reader(ColumnMetadata column) {
        return PostgresValueReader.reader(column);
    }
}

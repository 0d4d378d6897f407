package dev.bisync.core.internal.tables;

import dev.bisync.spi.dialect.Dialect;
import dev.bisync.spi.dialect.StoreType;

import java.util.List;
import java.util.StringJoiner;

/**
 * One of bisync's own tables, declared once ({@link #OFFSETS}, {@link #CONFLICTS}, …): its columns, their kinds and
 * its primary key. The DDL and the column lists of the statements that read and write it are made from the
 * declaration; a {@link Dialect} names each {@link StoreType} and the upsert syntax. Created in each side's namespace
 * with {@code CREATE TABLE IF NOT EXISTS} (a table made by an earlier version stays as it is).
 *
 * @param name       the table's name
 * @param columns    its columns, in order
 * @param primaryKey the primary key's columns (empty: none; a {@link StoreType#GENERATED_KEY} column is the key)
 */
public record OwnTable(String name, List<Column> columns, List<String> primaryKey) {

    /**
     * A column.
     *
     * @param name       its name
     * @param type       its kind
     * @param length     the most characters of a {@link StoreType#VARCHAR}
     * @param notNull    whether it is {@code NOT NULL}
     * @param defaultNow whether it defaults to the current time
     */
    public record Column(String name, StoreType type, int length, boolean notNull, boolean defaultNow) {
    }

    /** The lanes' consumed offsets, stored with the rows they produced. */
    public static final OwnTable OFFSETS = new OwnTable("bisync_offsets", List.of(
            required("lane", 200), required("topic", 249), required("kafka_partition", StoreType.INT),
            required("next_offset", StoreType.BIGINT), now("updated_at")),
            List.of("lane", "topic", "kafka_partition"));

    /** The conflicts the lanes decided or parked, and their resolutions. */
    public static final OwnTable CONFLICTS = new OwnTable("bisync_conflicts", List.of(
            new Column("id", StoreType.GENERATED_KEY, 0, true, false),
            required("lane", 200), required("source_side", 200), required("target_side", 200),
            required("source_table", 400), required("target_table", 400), required("operation", 10),
            required("row_key", StoreType.TEXT), optional("before_image", StoreType.TEXT),
            optional("incoming_image", StoreType.TEXT), optional("target_image", StoreType.TEXT),
            optional("merged_image", StoreType.TEXT), required("strategy", 1000), required("decision", 20),
            required("status", 20), optional("reason", StoreType.TEXT), optional("source_topic", 249),
            optional("source_partition", StoreType.INT), optional("source_offset", StoreType.BIGINT),
            optional("source_position", 200), now("created_at"), optional("resolved_at", StoreType.INSTANT),
            optional("resolution", 200)),
            List.of("id"));

    /** The dead letters a replay applied (or found applied), so that none is applied twice. */
    public static final OwnTable REPLAYED = new OwnTable("bisync_replayed", List.of(
            required("lane", 200), required("topic", 249), required("kafka_partition", StoreType.INT),
            required("kafka_offset", StoreType.BIGINT), now("replayed_at")),
            List.of("lane", "topic", "kafka_partition", "kafka_offset"));

    /** The initial copy's progress per run and table. */
    public static final OwnTable INIT_PROGRESS = new OwnTable("bisync_init_progress", List.of(
            required("run", 200), required("source_table", 400), required("status", 20),
            required("snapshot_mark", StoreType.TEXT), required("chunks", StoreType.BIGINT),
            required("copied_rows", StoreType.BIGINT), required("copied_bytes", StoreType.BIGINT),
            optional("last_key", StoreType.TEXT), optional("updated_at", StoreType.INSTANT)),
            List.of("run", "source_table"));

    /** Where a stopped table copy resumes. */
    public static final OwnTable INIT_RESUME = new OwnTable("bisync_init_resume", List.of(
            required("run", 200), required("source_table", 400), optional("resume_key", StoreType.TEXT),
            optional("segments", StoreType.TEXT)),
            List.of("run", "source_table"));

    /** The rows the initial copy read and the target refused. */
    public static final OwnTable INIT_REJECTED = new OwnTable("bisync_init_rejected", List.of(
            required("run", 200), required("source_table", 400), required("snapshot_mark", StoreType.TEXT),
            required("row_key", StoreType.TEXT), optional("target_column", StoreType.TEXT),
            optional("shown_value", StoreType.TEXT), required("reason", StoreType.TEXT),
            optional("rejected_at", StoreType.INSTANT)),
            List.of());

    /**
     * The marker rows of {@link dev.bisync.api.config.EchoMarking#MARKER_ROWS}: one per writer connection, bumped by
     * each transaction of it that changes synced rows. The only one of bisync's tables that the connectors capture.
     */
    public static final OwnTable ECHO_MARKS = new OwnTable("bisync_echo_marks", List.of(
            required("echo", 200), required("slot", StoreType.INT), required("marks", StoreType.BIGINT)),
            List.of("echo", "slot"));

    /** Every table, in the order they are created. */
    public static final List<OwnTable> ALL = List.of(OFFSETS, CONFLICTS, REPLAYED, INIT_PROGRESS, INIT_RESUME,
            INIT_REJECTED, ECHO_MARKS);

    public OwnTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The table in {@code namespace}, quoted for SQL. */
    public String qualified(Dialect dialect, String namespace) {
        return dialect.statements().quote(namespace) + "." + dialect.statements().quote(name);
    }

    /** {@code CREATE TABLE IF NOT EXISTS} of the table in {@code namespace}. */
    public String createSql(Dialect dialect, String namespace) {
        StringJoiner body = new StringJoiner(", ");
        for (Column c : columns) {
            String type = dialect.store().type(c.type(), c.length());
            body.add(dialect.statements().quote(c.name()) + " " + type + (c.type() == StoreType.GENERATED_KEY ? ""
                    : c.notNull() ? " NOT NULL" : " NULL") + (c.defaultNow() ? " DEFAULT " + dialect.store().now() : ""));
        }
        if (!primaryKey.isEmpty()) {
            body.add("PRIMARY KEY (" + list(dialect, primaryKey) + ")");
        }
        String options = dialect.store().tableOptions();
        return "CREATE TABLE IF NOT EXISTS " + qualified(dialect, namespace) + " (" + body + ")"
                + (options.isEmpty() ? "" : " " + options);
    }

    /**
     * {@code INSERT INTO … (columns) VALUES (?, …)} of the table in {@code namespace}; with {@code upsert}, an
     * upsert on the primary key that sets the inserted columns outside the key, and the {@code defaultNow} columns
     * not inserted to the current time.
     *
     * @throws IllegalArgumentException when a column is not the table's
     */
    public String insertSql(Dialect dialect, String namespace, List<String> insert, boolean upsert) {
        for (String c : insert) {
            if (columns.stream().noneMatch(col -> col.name().equals(c))) {
                throw new IllegalArgumentException(name + " has no column " + c);
            }
        }
        StringJoiner marks = new StringJoiner(", ");
        insert.forEach(c -> marks.add("?"));
        String sql = "INSERT INTO " + qualified(dialect, namespace) + " (" + list(dialect, insert) + ") VALUES ("
                + marks + ")";
        if (!upsert) {
            return sql;
        }
        List<String> set = insert.stream().filter(c -> !primaryKey.contains(c)).toList();
        List<String> toNow = columns.stream().filter(c -> c.defaultNow() && !insert.contains(c.name()))
                .map(Column::name).toList();
        return sql + " " + dialect.statements().upsertClause(primaryKey, set, toNow);
    }

    /** The names of the columns, comma-separated (for {@code SELECT}). */
    public String columnList() {
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(c -> names.add(c.name()));
        return names.toString();
    }

    /** The names of the columns except a generated key, in order (what an insert of a whole record sets). */
    public List<String> insertedColumns() {
        return columns.stream().filter(c -> c.type() != StoreType.GENERATED_KEY && !c.defaultNow())
                .map(Column::name).toList();
    }

    private static String list(Dialect dialect, List<String> names) {
        StringJoiner joined = new StringJoiner(", ");
        names.forEach(n -> joined.add(dialect.statements().quote(n)));
        return joined.toString();
    }

    private static Column required(String name, int length) {
        return new Column(name, StoreType.VARCHAR, length, true, false);
    }

    private static Column required(String name, StoreType type) {
        return new Column(name, type, 0, true, false);
    }

    private static Column optional(String name, int length) {
        return new Column(name, StoreType.VARCHAR, length, false, false);
    }

    private static Column optional(String name, StoreType type) {
        return new Column(name, type, 0, false, false);
    }

    private static Column now(String name) {
        return new Column(name, StoreType.INSTANT, 0, true, true);
    }
}

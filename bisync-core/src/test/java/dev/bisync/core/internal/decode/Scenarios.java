package dev.bisync.core.internal.decode;

import dev.bisync.api.ChangeEvent;
import dev.bisync.testkit.EmbeddedStack;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables and changes the decode ITs and the fixture capture run on the real databases: a table with one column
 * of every type the connectors map, a TOASTed column, and a parent/child pair written by two interleaved
 * transactions (T1 begins first and commits second). Table names start with {@code prefix}.
 */
final class Scenarios {

    /** The PostgreSQL tables of {@link #createPostgresTables}, without schema. */
    final List<String> pgTables;
    /** The MariaDB tables of {@link #createMariaDbTables}, without database. */
    final List<String> mariaTables;
    private final String p;

    Scenarios(String prefix) {
        this.p = prefix;
        this.pgTables = List.of(p + "_pg_types", p + "_pg_toast", p + "_pg_parent", p + "_pg_child");
        this.mariaTables = List.of(p + "_maria_types", p + "_maria_parent", p + "_maria_child");
    }

    /** Whether the PostgreSQL server has the ltree and hstore extensions (created if so). */
    boolean createPostgresTables(EmbeddedStack stack) throws SQLException {
        boolean extensions;
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            try {
                s.execute("CREATE EXTENSION IF NOT EXISTS ltree");
                s.execute("CREATE EXTENSION IF NOT EXISTS hstore");
                extensions = true;
            } catch (SQLException e) {
                extensions = false;
            }
            s.execute("DROP TYPE IF EXISTS " + p + "_mood CASCADE");
            s.execute("CREATE TYPE " + p + "_mood AS ENUM ('sad', 'ok', 'happy')");
            s.execute("CREATE TABLE " + p + "_pg_types (id bigint PRIMARY KEY, c_int2 smallint, c_int4 integer, "
                    + "c_int8 bigint, c_numeric numeric(12,3), c_numeric_var numeric, c_float4 real, "
                    + "c_float8 double precision, c_float8_special double precision, c_bool boolean, c_text text, "
                    + "c_varchar varchar(20), c_char char(5), c_bytea bytea, c_date date, c_time time, "
                    + "c_time6 time(6), c_timetz timetz, c_ts timestamp(6), c_ts3 timestamp(3), "
                    + "c_tstz timestamptz, c_json json, c_jsonb jsonb, c_uuid uuid, c_enum " + p + "_mood, "
                    + "c_bit bit(10), c_bit1 bit(1), c_varbit varbit(16), c_interval interval, c_int_arr int[], "
                    + "c_text_arr text[], c_num_arr numeric(5,2)[], c_inet inet, c_cidr cidr, c_macaddr macaddr, "
                    + "c_money money, c_xml xml, c_point point"
                    + (extensions ? ", c_ltree ltree, c_hstore hstore" : "") + ")");
            s.execute("ALTER TABLE " + p + "_pg_types REPLICA IDENTITY FULL");
            s.execute("CREATE TABLE " + p + "_pg_toast (id int PRIMARY KEY, big text, n int)");
            s.execute("ALTER TABLE " + p + "_pg_toast ALTER COLUMN big SET STORAGE EXTERNAL");
            s.execute("CREATE TABLE " + p + "_pg_parent (id int PRIMARY KEY, name text)");
            s.execute("CREATE TABLE " + p + "_pg_child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES "
                    + p + "_pg_parent (id), name text)");
        }
        return extensions;
    }

    /** The row with id 1 of the types table, as PostgreSQL literals in column order (without the extensions). */
    static final String PG_ROW_1 = "1, -32768, 2147483647, -9223372036854775808, 123456789.125, "
            + "3.14159265358979323846, 1.5, -2.25e100, 'NaN', true, 'héllo wörld ✓', 'varchar', 'ab', "
            + "'\\x00ff10'::bytea, '2024-02-29', '13:14:15', '23:59:59.999999', '10:11:12.5+02', "
            + "'2024-02-29 13:14:15.123456', '1969-07-20 20:17:40.5', '2024-02-29 13:14:15.123456+01', "
            + "'{\"b\": 1, \"a\": [true, null]}', '{\"b\": 1, \"a\": [true, null]}', "
            + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'happy', B'1011000001', B'1', B'101', "
            + "'1 year 2 months 3 days 04:05:06.789', '{1,2,NULL,4}', '{\"a\",\"b c\"}', '{1.50,2.25}', "
            + "'192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', 12.34, '<a>1</a>', '(1.5,-2.25)'";

    /**
     * Inserts two rows of every type (the second mostly null, with TIME 24:00 and -Infinity), updates, deletes and
     * truncates; a TOASTed value left unchanged; then the interleaved parent/child transactions; then a new column.
     */
    void postgresChanges(EmbeddedStack stack, boolean extensions) throws SQLException {
        String types = p + "_pg_types";
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + types + " VALUES (" + PG_ROW_1
                    + (extensions ? ", 'Top.Science.Astronomy', 'a=>1, b=>NULL'" : "") + ")");
            s.execute("INSERT INTO " + types + " (id, c_time6, c_float8_special, c_numeric_var) "
                    + "VALUES (2, '24:00:00', '-Infinity', -0.000001)");
            s.execute("UPDATE " + types + " SET c_text = 'updated', c_numeric_var = 42 WHERE id = 1");
            s.execute("DELETE FROM " + types + " WHERE id = 2");
            s.execute("TRUNCATE " + types);
            s.execute("INSERT INTO " + p + "_pg_toast VALUES (1, repeat(md5('x'), 300), 1)");
            s.execute("UPDATE " + p + "_pg_toast SET n = 2 WHERE id = 1");
        }
        interleaved(stack.postgres().connect(), stack.postgres().connect(), p + "_pg");
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + p + "_pg_child ADD COLUMN note varchar(10)");
            s.execute("INSERT INTO " + p + "_pg_child VALUES (30, 2, 'after alter', 'new')");
        }
    }

    void createMariaDbTables(EmbeddedStack stack) throws SQLException {
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + p + "_maria_types (id bigint PRIMARY KEY, c_tiny tinyint, "
                    + "c_tiny_u tinyint unsigned, c_small smallint, c_small_u smallint unsigned, c_medium mediumint, "
                    + "c_int int, c_int_u int unsigned, c_big bigint, c_big_u bigint unsigned, "
                    + "c_decimal decimal(12,3), "
                    + "c_float float, c_double double, c_bool boolean, c_varchar varchar(20), c_char char(5), "
                    + "c_text text, c_blob blob, c_binary binary(4), c_varbinary varbinary(10), c_date date, "
                    + "c_time time, c_time6 time(6), c_datetime datetime, c_datetime3 datetime(3), "
                    + "c_datetime6 datetime(6), c_timestamp timestamp(6) NULL, c_year year, c_json json, "
                    + "c_enum enum('sad','ok','happy'), c_set set('a','b','c'), c_bit bit(10), c_bit1 bit(1), "
                    + "c_geometry geometry, c_point point, c_uuid uuid)");
            s.execute("CREATE TABLE " + p + "_maria_parent (id int PRIMARY KEY, name varchar(20))");
            s.execute("CREATE TABLE " + p + "_maria_child (id int PRIMARY KEY, parent_id int NOT NULL, "
                    + "name varchar(20), FOREIGN KEY (parent_id) REFERENCES " + p + "_maria_parent (id))");
        }
    }

    /** The row with id 1 of the MariaDB types table, as literals in column order. */
    static final String MARIA_ROW_1 = "1, -128, 255, -32768, 65535, -8388608, -2147483648, 4294967295, "
            + "-9223372036854775808, 18446744073709551615, 123456789.125, 1.5, -2.25e100, true, 'héllo ✓', 'ab', "
            + "'text', x'00ff10', x'01020304', x'0a0b', '2024-02-29', '838:59:59', '-12:34:56.500000', "
            + "'2024-02-29 13:14:15', '1969-07-20 20:17:40.500', '2024-02-29 13:14:15.123456', "
            + "'2024-02-29 13:14:15.123456', 2024, '{\"b\": 1, \"a\": [true, null]}', 'happy', 'a,c', "
            + "b'1011000001', b'1', ST_GeomFromText('POINT(1 2)'), POINT(1.5, -2.25), "
            + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'";

    /** Like {@link #postgresChanges}; the session's time zone is +01:00 (TIMESTAMP is stored as UTC). */
    void mariaDbChanges(EmbeddedStack stack) throws SQLException {
        String types = p + "_maria_types";
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+01:00'");
            s.execute("INSERT INTO " + types + " VALUES (" + MARIA_ROW_1 + ")");
            s.execute("INSERT INTO " + types + " (id, c_time, c_time6) VALUES (2, '-838:59:59', '00:00:00')");
            s.execute("UPDATE " + types + " SET c_text = 'updated' WHERE id = 1");
            s.execute("DELETE FROM " + types + " WHERE id = 2");
            s.execute("TRUNCATE " + types);
        }
        interleaved(stack.mariadb().connect(), stack.mariadb().connect(), p + "_maria");
        try (Connection c = stack.mariadb().connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + p + "_maria_child ADD COLUMN note varchar(10)");
            s.execute("INSERT INTO " + p + "_maria_child VALUES (30, 2, 'after alter', 'new')");
        }
    }

    /**
     * The changes of {@link #interleaved} in commit order, as {@link #describe} writes them.
     *
     * @param tables the tables' common prefix, e.g. {@code dec_pg}
     */
    static List<String> interleavedCommitOrder(String tables) {
        String parent = tables + "_parent";
        String child = tables + "_child";
        return List.of(parent + " c 2", child + " c 20",
                parent + " c 1", child + " c 10", child + " c 11", parent + " u 1",
                child + " c 30"); // the last after the ALTER TABLE
    }

    /** {@code <table> <op code> <id>}. */
    static String describe(ChangeEvent e) {
        return e.table().name() + " " + e.operation().code() + " " + e.key().get("id");
    }

    /**
     * T1 begins and inserts parent 1; T2 inserts parent 2 and child 20 and commits; T1 then inserts children 10 and
     * 11 in one statement, updates parent 1 and commits. Commit order: T2 (parent 2, child 20), then T1 (parent 1,
     * children 10 and 11, parent 1 update).
     */
    static void interleaved(Connection t1, Connection t2, String tablePrefix) throws SQLException {
        try (t1; t2; Statement s1 = t1.createStatement(); Statement s2 = t2.createStatement()) {
            t1.setAutoCommit(false);
            t2.setAutoCommit(false);
            s1.execute("INSERT INTO " + tablePrefix + "_parent VALUES (1, 'T1 parent')");
            s2.execute("INSERT INTO " + tablePrefix + "_parent VALUES (2, 'T2 parent')");
            s2.execute("INSERT INTO " + tablePrefix + "_child VALUES (20, 2, 'T2 child')");
            t2.commit();
            s1.execute("INSERT INTO " + tablePrefix + "_child VALUES (10, 1, 'T1 child a'), (11, 1, 'T1 child b')");
            s1.execute("UPDATE " + tablePrefix + "_parent SET name = 'T1 parent updated' WHERE id = 1");
            t1.commit();
        }
    }
}

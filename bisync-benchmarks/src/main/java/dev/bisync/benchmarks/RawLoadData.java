package dev.bisync.benchmarks;

import com.mysql.cj.jdbc.JdbcStatement;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The PostgreSQL → MariaDB half of {@link InitBenchmark}: the source tables generated on PostgreSQL, and the raw
 * pipe, each table streamed from PostgreSQL (one {@code SELECT}, the server's text, a few casts so that MariaDB reads
 * it: booleans as 0/1, bytea as hex, timestamptz in UTC) into MariaDB database {@code raw} with
 * {@code LOAD DATA LOCAL INFILE}, {@code rows} rows per statement.
 */
final class RawLoadData {

    private static final String SELECT = "SELECT id, qty, price, name, born, seen, at_utc AT TIME ZONE 'UTC', ratio, "
            + "flag::int, encode(data, 'hex'), note, uid, tod FROM public.";
    private static final String LOAD = " CHARACTER SET utf8mb4 FIELDS TERMINATED BY x'09' ESCAPED BY x'5C' "
            + "LINES TERMINATED BY x'0A' (id, qty, price, name, born, seen, at_utc, ratio, flag, @data, note, uid, tod) "
            + "SET data = UNHEX(@data)";

    private RawLoadData() {
    }

    /** The tables with rows on PostgreSQL ({@code public}), empty on MariaDB ({@code app} for bisync, {@code raw}). */
    static void generateOnPostgres(EmbeddedStack stack, List<String> names, int rows, String mariaColumns,
            String pgColumns) throws SQLException {
        try (Connection p = stack.postgres().connect(); Statement s = p.createStatement()) {
            String first = names.get(0);
            s.execute("CREATE TABLE " + first + " (" + pgColumns + ")");
            s.execute("INSERT INTO " + first + " SELECT g, g * 7 % 100000 - 50000, (g % 100000000) / 1000.0, "
                    + "'name ' || g || CASE WHEN g % 5 = 0 THEN ' Grüße 東京' ELSE '' END, DATE '1990-01-01' "
                    + "+ (g % 12000)::int, TIMESTAMP '2020-01-01 00:00:00' + g * 1000003 * INTERVAL '1 microsecond', "
                    + "CASE WHEN g % 7 = 3 THEN NULL ELSE TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL "
                    + "'1 second' END, g / 64.0, g % 2 = 0, decode(md5(g::text), 'hex'), CASE WHEN g % 7 = 3 THEN NULL "
                    + "ELSE repeat('x', (g % 200)::int) END, gen_random_uuid(), (g % 86400 * INTERVAL '1 second')::time "
                    + "FROM generate_series(1::bigint, " + rows + ") g");
            for (String t : names.subList(1, names.size())) {
                s.execute("CREATE TABLE " + t + " (LIKE " + first + " INCLUDING ALL)");
                s.execute("INSERT INTO " + t + " SELECT * FROM " + first);
                s.execute("ALTER TABLE " + t + " REPLICA IDENTITY FULL");
            }
            s.execute("ALTER TABLE " + first + " REPLICA IDENTITY FULL");
        }
        try (Connection m = stack.mariadb().connect(); Statement s = m.createStatement()) {
            s.execute("CREATE DATABASE raw");
            for (String t : names) {
                s.execute("CREATE TABLE raw." + t + " (" + mariaColumns + ")");
                s.execute("CREATE TABLE " + EmbeddedStack.DATABASE + "." + t + " (" + mariaColumns + ")");
            }
        }
    }

    /** Streams one table from PostgreSQL into MariaDB's {@code raw} database with LOAD DATA. */
    static void loadTable(DatabaseEndpoint pg, DatabaseEndpoint maria, String table, int rows) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", maria.user());
        properties.setProperty("password", maria.password());
        properties.setProperty("allowLoadLocalInfile", "true");
        try (Connection p = pg.connect(); Connection m = DriverManager.getConnection(maria.jdbcUrl(), properties);
             Statement read = p.createStatement(); Statement load = m.createStatement()) {
            p.setAutoCommit(false); // pgjdbc streams with a fetch size only inside a transaction
            m.setAutoCommit(false);
            read.setFetchSize(rows);
            String sql = "LOAD DATA LOCAL INFILE 'raw' INTO TABLE raw." + table + LOAD;
            try (ResultSet rs = read.executeQuery(SELECT + table)) {
                int width = rs.getMetaData().getColumnCount();
                StringBuilder file = new StringBuilder(1 << 20);
                int n = 0;
                while (rs.next()) {
                    for (int i = 1; i <= width; i++) {
                        if (i > 1) {
                            file.append('\t');
                        }
                        String v = rs.getString(i);
                        file.append(v == null ? "\\N" : escape(v));
                    }
                    file.append('\n');
                    if (++n % rows == 0) {
                        load(load, sql, file);
                    }
                }
                if (file.length() > 0) {
                    load(load, sql, file);
                }
            }
            m.commit();
            p.commit();
        }
    }

    private static void load(Statement load, String sql, StringBuilder file) throws SQLException {
        load.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(file.toString()
                .getBytes(StandardCharsets.UTF_8)));
        load.executeUpdate(sql);
        file.setLength(0);
    }

    private static String escape(String v) {
        if (v.indexOf('\\') < 0 && v.indexOf('\t') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }
}

package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Tables of mixed types for the initial-sync tests, created alike on MariaDB and PostgreSQL, and their rows (written
 * on MariaDB only): every value derived from the table and the row number, with nulls, non-ASCII text, binary and
 * fractional seconds.
 */
final class InitTables {

    static final String MARIA_COLUMNS = "id bigint PRIMARY KEY, qty int NOT NULL, price decimal(12,3), "
            + "name varchar(40) NOT NULL, born date, seen datetime(6), at_utc timestamp(6) NULL, ratio double, "
            + "flag boolean, data varbinary(32), note text, uid char(36), tod time(6)";
    static final String PG_COLUMNS = "id bigint PRIMARY KEY, qty int NOT NULL, price numeric(12,3), "
            + "name varchar(40) NOT NULL, born date, seen timestamp(6), at_utc timestamptz(6), ratio double precision, "
            + "flag boolean, data bytea, note text, uid uuid, tod time(6)";
    private static final String INSERT = " (id, qty, price, name, born, seen, at_utc, ratio, flag, data, note, uid, "
            + "tod) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private InitTables() {
    }

    /** Creates the tables on both sides (PostgreSQL's with REPLICA IDENTITY FULL, as the lanes need). */
    static void create(DatabaseEndpoint maria, DatabaseEndpoint pg, List<String> tables) throws SQLException {
        List<String> mariaDdl = new ArrayList<>();
        List<String> pgDdl = new ArrayList<>();
        for (String t : tables) {
            mariaDdl.add("CREATE TABLE " + t + " (" + MARIA_COLUMNS + ")");
            pgDdl.add("CREATE TABLE " + t + " (" + PG_COLUMNS + ")");
            pgDdl.add("ALTER TABLE " + t + " REPLICA IDENTITY FULL");
        }
        SyncFixture.execute(maria, mariaDdl.toArray(String[]::new));
        SyncFixture.execute(pg, pgDdl.toArray(String[]::new));
    }

    /** Inserts rows {@code from} to {@code to - 1} into a table on MariaDB. */
    static void fill(DatabaseEndpoint maria, String table, int from, int to) throws SQLException {
        try (Connection c = maria.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + INSERT)) {
            c.setAutoCommit(false);
            for (int id = from; id < to; id++) {
                bind(ps, table, id);
                ps.addBatch();
                if ((id - from) % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }

    /** Binds the generated row {@code id} of {@code table} (MariaDB's column types). */
    static void bind(PreparedStatement ps, String table, long id) throws SQLException {
        int h = Math.abs((table + id).hashCode());
        boolean nulls = id % 7 == 3;
        ps.setLong(1, id);
        ps.setInt(2, h % 100_000 - 50_000);
        ps.setBigDecimal(3, nulls ? null : BigDecimal.valueOf(h % 100_000_000L, 3));
        ps.setString(4, "n" + id + (id % 5 == 0 ? " Grüße 東京 ✓" : ""));
        ps.setObject(5, nulls ? null : LocalDate.of(1990 + h % 40, 1 + h % 12, 1 + h % 28));
        ps.setObject(6, LocalDateTime.of(2020, 1 + h % 12, 1 + h % 28, h % 24, h % 60, h % 60, (h % 1_000_000) * 1000));
        ps.setTimestamp(7, nulls ? null : Timestamp.valueOf(LocalDateTime.of(2024, 3, 1 + h % 28, h % 24, 0, 7,
                123_456_000)));
        ps.setObject(8, nulls ? null : (h % 10_000) / 64.0);
        ps.setObject(9, nulls ? null : h % 2 == 0);
        ps.setBytes(10, nulls ? null : ("b" + h).getBytes(StandardCharsets.UTF_8));
        ps.setString(11, nulls ? null : "note " + id + " " + "x".repeat(h % 50));
        ps.setString(12, nulls ? null : new UUID(h, id).toString());
        ps.setObject(13, nulls ? null : LocalTime.of(h % 24, h % 60, h % 60, (h % 1000) * 1_000_000));
    }
}

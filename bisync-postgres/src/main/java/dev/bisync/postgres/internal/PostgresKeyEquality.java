package dev.bisync.postgres.internal;

import dev.bisync.api.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The key columns of PostgreSQL tables that make keys equal that differ in their characters: {@code citext}
 * (ignores case), {@code char(n)} ({@code bpchar}: trailing spaces do not count), and a column with a
 * nondeterministic ICU collation (case or accents ignored, as the collation says). Deterministic collations compare
 * text keys exactly, as MariaDB's {@code *_nopad_bin} collations do. Stateless.
 */
final class PostgresKeyEquality {

    private static final String KEY_COLUMNS = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname, "
            + "co.collname, co.collisdeterministic FROM pg_index i "
            + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            + "JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation "
            + "WHERE i.indisprimary AND i.indrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) "
            + "ORDER BY array_position(i.indkey::int2[], a.attnum)";

    private PostgresKeyEquality() {
    }

    static List<String> inexact(Connection connection, List<TableId> tables) throws SQLException {
        List<String> notes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(KEY_COLUMNS)) {
            for (TableId table : tables) {
                query.setString(1, table.namespace());
                query.setString(2, table.name());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        String ignores = ignores(rs.getString(3), rs.getString(4), rs.getBoolean(5)
                                || rs.getString(4) == null);
                        if (ignores != null) {
                            notes.add("key column " + table + "." + rs.getString(1) + " (" + rs.getString(2)
                                    + (rs.getString(4) == null || "default".equals(rs.getString(4)) ? ""
                                            : ", collation " + rs.getString(4))
                                    + ") compares keys " + ignores
                                    + ": keys that differ only so on the other side are one key here");
                        }
                    }
                }
            }
        }
        return notes;
    }

    /** What a key column's equality leaves out, e.g. {@code ignoring case}; null when it compares exactly. */
    static String ignores(String type, String collation, boolean deterministic) {
        if ("citext".equals(type)) {
            return "ignoring case";
        }
        if ("bpchar".equals(type)) {
            return "ignoring trailing spaces";
        }
        if (!deterministic) {
            return "by its nondeterministic collation " + collation + " (ignoring case or accents, as it says)";
        }
        return null;
    }
}

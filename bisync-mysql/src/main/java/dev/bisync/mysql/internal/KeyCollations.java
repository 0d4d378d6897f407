package dev.bisync.mysql.internal;

import dev.bisync.api.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text key columns whose collation makes keys equal that differ in their characters: MariaDB's and MySQL's
 * default collations ignore case ({@code _ci}), accents ({@code _ai}, and the older {@code _ci} ones) and, unless
 * {@code NO PAD} ({@code _nopad_}), trailing spaces. PostgreSQL's deterministic collations compare keys exactly, so
 * {@code 'a'}, {@code 'A'} and {@code 'a '} are three keys there and one here. Only a {@code *_nopad_bin}
 * collation (or a binary type) compares as PostgreSQL does.
 */
final class KeyCollations {

    private static final String KEY_COLLATIONS = "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLLATION_NAME "
            + "FROM information_schema.STATISTICS s JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = "
            + "s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME "
            + "WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = ? AND s.INDEX_NAME = 'PRIMARY' "
            + "AND c.COLLATION_NAME IS NOT NULL ORDER BY s.SEQ_IN_INDEX";

    private KeyCollations() {
    }

    static List<String> inexact(Connection connection, List<TableId> tables) throws SQLException {
        List<String> notes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(KEY_COLLATIONS)) {
            for (TableId table : tables) {
                query.setString(1, table.namespace());
                query.setString(2, table.name());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        if (!rs.getString(1).equals(table.name())) {
                            continue; // information_schema compares names without case
                        }
                        String ignores = ignores(rs.getString(4));
                        if (ignores != null) {
                            notes.add("key column " + table + "." + rs.getString(2) + " (" + rs.getString(3)
                                    + ", collation " + rs.getString(4) + ") compares keys " + ignores
                                    + ": keys that differ only so on the other side are one key here");
                        }
                    }
                }
            }
        }
        return notes;
    }

    /** What a collation ignores when it compares, e.g. {@code ignoring case and trailing spaces}; null: nothing. */
    static String ignores(String collation) {
        String name = collation.toLowerCase(Locale.ROOT);
        List<String> ignored = new ArrayList<>();
        if (name.contains("_ci")) {
            ignored.add("case");
        }
        if (name.contains("_ai") || (name.contains("_ci") && !name.contains("_as"))) {
            ignored.add("accents");
        }
        if (!name.contains("_nopad") && !name.contains("_0900_")) { // MySQL 8's UCA 9.0.0 collations are NO PAD
            ignored.add("trailing spaces");
        }
        if (ignored.isEmpty()) {
            return null;
        }
        int last = ignored.size() - 1;
        return "ignoring " + (last == 0 ? "" : String.join(", ", ignored.subList(0, last)) + " and ")
                + ignored.get(last);
    }
}

package dev.bisync.benchmarks.convergence;

import dev.bisync.testkit.DatabaseEndpoint;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * All rows of the shop's tables on one side, in canonical form: numbers by value ({@code 1.50} = {@code 1.5}),
 * timestamps to the microsecond, text as is, {@code null} as null. Two sides' snapshots compare row by row, by key.
 */
public final class CanonicalRows {

    private static final Map<String, String> QUERIES = Map.of(
            "customers", "SELECT id, name, email, updated_at FROM customers ORDER BY id",
            "orders", "SELECT id, customer_id, status, amount, notes, updated_at FROM orders ORDER BY id",
            "order_items", "SELECT order_id, line_no, sku, qty, price FROM order_items ORDER BY order_id, line_no");
    private static final Map<String, Integer> KEY_COLUMNS = Map.of("customers", 1, "orders", 1, "order_items", 2);

    /** Per table, key text to the row's canonical values. */
    private final Map<String, TreeMap<String, List<String>>> tables;

    private CanonicalRows(Map<String, TreeMap<String, List<String>>> tables) {
        this.tables = tables;
    }

    /** Reads the three tables on one side. */
    public static CanonicalRows read(DatabaseEndpoint endpoint) throws SQLException {
        Map<String, TreeMap<String, List<String>>> tables = new LinkedHashMap<>();
        try (Connection c = endpoint.connect(); Statement s = c.createStatement()) {
            for (String table : ShopSchema.TABLES) {
                TreeMap<String, List<String>> rows = new TreeMap<>(CanonicalRows::compareKeys);
                try (ResultSet rs = s.executeQuery(QUERIES.get(table))) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.add(canonical(rs, i, md.getColumnType(i)));
                        }
                        rows.put(String.join("/", row.subList(0, KEY_COLUMNS.get(table))), row);
                    }
                }
                tables.put(table, rows);
            }
        }
        return new CanonicalRows(tables);
    }

    private static String canonical(ResultSet rs, int i, int type) throws SQLException {
        switch (type) {
            case Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> {
                BigDecimal d = rs.getBigDecimal(i);
                return d == null ? null : d.stripTrailingZeros().toPlainString();
            }
            case Types.TIMESTAMP -> {
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                return t == null ? null : t.truncatedTo(ChronoUnit.MICROS).toString();
            }
            default -> {
                return rs.getString(i);
            }
        }
    }

    /** Keys are numbers joined by '/': order them numerically, part by part. */
    private static int compareKeys(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = new BigDecimal(x[i]).compareTo(new BigDecimal(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** The number of rows of a table. */
    public int count(String table) {
        return tables.get(table).size();
    }

    /** A digest of every row: equal digests, equal contents. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            tables.forEach((table, rows) -> rows.values().forEach(row -> md.update((table + row + "\n")
                    .getBytes(StandardCharsets.UTF_8))));
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key whose rows differ between the sides; a side without the row has {@code null}. */
    public record Difference(String table, String key, List<String> rowA, List<String> rowB) {
        @Override
        public String toString() {
            return table + " " + key + ": mariadb " + (rowA == null ? "(no row)" : rowA) + " | postgres "
                    + (rowB == null ? "(no row)" : rowB);
        }
    }

    /** Every key whose rows differ between side A ({@code this}) and side B, table by table. */
    public List<Difference> compare(CanonicalRows b) {
        List<Difference> out = new ArrayList<>();
        for (String table : ShopSchema.TABLES) {
            TreeMap<String, List<String>> ra = tables.get(table);
            TreeMap<String, List<String>> rb = b.tables.get(table);
            TreeSet<String> all = new TreeSet<>(CanonicalRows::compareKeys);
            all.addAll(ra.keySet());
            all.addAll(rb.keySet());
            for (String key : all) {
                List<String> x = ra.get(key);
                List<String> y = rb.get(key);
                if (x == null || !x.equals(y)) {
                    out.add(new Difference(table, key, x, y));
                }
            }
        }
        return out;
    }
}

package dev.bisync.benchmarks.convergence;

import dev.bisync.testkit.DatabaseEndpoint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes what a run's diverging rows need for a diagnosis, as tab-separated text: both sides' conflict records and
 * {@code orders} audit trails, and every differing row.
 */
final class TableDump {

    private static final String CONFLICTS = "SELECT id, lane, target_table, operation, row_key, decision, strategy, "
            + "reason, before_image, incoming_image, target_image, merged_image, source_topic, source_offset, "
            + "created_at FROM bisync_conflicts ORDER BY id";

    private TableDump() {
    }

    static void write(Path dir, DatabaseEndpoint maria, DatabaseEndpoint pg, List<CanonicalRows.Difference> diffs)
            throws IOException, SQLException {
        Files.createDirectories(dir);
        for (var side : List.of(new Object[] {"mariadb", maria}, new Object[] {"postgres", pg})) {
            DatabaseEndpoint endpoint = (DatabaseEndpoint) side[1];
            query(endpoint, CONFLICTS, dir.resolve(side[0] + "-conflicts.tsv"));
            query(endpoint, "SELECT seq, order_id, op, status, at FROM " + ShopSchema.AUDIT + " ORDER BY seq",
                    dir.resolve(side[0] + "-orders-audit.tsv"));
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("differing.txt"),
                StandardCharsets.UTF_8))) {
            diffs.forEach(out::println);
        }
    }

    private static void query(DatabaseEndpoint endpoint, String sql, Path file) throws IOException, SQLException {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement();
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            ResultSet rs;
            try {
                rs = s.executeQuery(sql);
            } catch (SQLException e) {
                out.println("-- " + e.getMessage());
                return;
            }
            try (rs) {
                int n = rs.getMetaData().getColumnCount();
                StringBuilder header = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    header.append(i > 1 ? "\t" : "").append(rs.getMetaData().getColumnLabel(i));
                }
                out.println(header);
                while (rs.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        String v = rs.getString(i);
                        line.append(i > 1 ? "\t" : "").append(v == null ? "\\N" : v.replace('\t', ' ')
                                .replace('\n', ' '));
                    }
                    out.println(line);
                }
            }
        }
    }
}

package dev.bisync.benchmarks.convergence;

import dev.bisync.testkit.DatabaseEndpoint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules the databases' own records show broken on one side. From the {@code orders_audit} trail (every write to
 * {@code orders}, in the order the side made them): a status that moved backwards for a key (a <em>violation</em>),
 * and an order inserted again after it was deleted (a <em>resurrection</em>: the application never reuses a key, so
 * only a sync can bring one back). And orphans: order items without their order, orders without their customer
 * (the foreign keys forbid them; counted anyway).
 */
public final class RuleCheck {

    private static final String ORPHANS = "SELECT (SELECT count(*) FROM orders o LEFT JOIN customers c "
            + "ON c.id = o.customer_id WHERE c.id IS NULL) + (SELECT count(*) FROM order_items i "
            + "LEFT JOIN orders o ON o.id = i.order_id WHERE o.id IS NULL)";

    /** What the audit trail of one side shows. */
    public record Findings(String side, List<String> violations, List<String> resurrections, long auditRows) {
    }

    private RuleCheck() {
    }

    /** Reads the side's audit trail and lists the backwards moves and resurrections it holds. */
    public static Findings audit(String side, DatabaseEndpoint endpoint) throws SQLException {
        List<String> violations = new ArrayList<>();
        List<String> resurrections = new ArrayList<>();
        Map<Long, Integer> rank = new HashMap<>();
        Set<Long> deleted = new HashSet<>();
        long rows = 0;
        try (Connection c = endpoint.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, order_id, op, status FROM " + ShopSchema.AUDIT
                     + " ORDER BY seq")) {
            while (rs.next()) {
                rows++;
                long seq = rs.getLong(1);
                long key = rs.getLong(2);
                String op = rs.getString(3);
                String status = rs.getString(4);
                int now = ShopSchema.STATUSES.indexOf(status);
                switch (op) {
                    case "i" -> {
                        if (deleted.remove(key)) {
                            resurrections.add(side + ": order " + key + " inserted again after its delete (audit seq "
                                    + seq + ", status " + status + ")");
                        }
                        rank.put(key, now);
                    }
                    case "u" -> {
                        Integer before = rank.put(key, now);
                        if (before != null && now < before) {
                            violations.add(side + ": order " + key + " status " + ShopSchema.STATUSES.get(before)
                                    + " -> " + status + " (audit seq " + seq + ")");
                        }
                    }
                    case "d" -> {
                        rank.remove(key);
                        deleted.add(key);
                    }
                    default -> throw new IllegalStateException("audit op " + op);
                }
            }
        }
        return new Findings(side, violations, resurrections, rows);
    }

    /** Order items without their order plus orders without their customer, now. */
    public static long orphans(DatabaseEndpoint endpoint) throws SQLException {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(ORPHANS)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

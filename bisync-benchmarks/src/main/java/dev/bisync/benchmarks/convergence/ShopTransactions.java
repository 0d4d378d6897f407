package dev.bisync.benchmarks.convergence;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The shop's transactions on one side's connection, in SQL both databases read the same way. Each is one
 * database transaction; {@code updated_at} is the application's current UTC time, to the microsecond.
 */
final class ShopTransactions {

    /** The row the transaction works on is gone (the other side deleted it): the transaction is given up. */
    static final class RowGone extends Exception {
        RowGone() {
            super(null, null, false, false);
        }
    }

    private final Connection c;
    private final int side;
    private final KeyRegistry keys;
    private final Random random;

    ShopTransactions(Connection c, int side, KeyRegistry keys, Random random) {
        this.c = c;
        this.side = side;
        this.keys = keys;
        this.random = random;
    }

    /** Runs one operation: true when it committed, false when there was no key to work on. */
    boolean run(ShopApplication.Operation op) throws SQLException, RowGone {
        return switch (op) {
            case INSERT_CUSTOMER -> insertCustomer();
            case UPDATE_CUSTOMER -> updateCustomer();
            case INSERT_ORDER -> insertOrder();
            case ADVANCE_STATUS -> advanceStatus();
            case UPDATE_AMOUNTS -> updateAmounts();
            case DELETE_ORDER -> deleteOrder();
            case DELETE_CUSTOMER -> deleteCustomer();
        };
    }

    private boolean insertCustomer() throws SQLException {
        long id = keys.newKey("customers", side);
        update("INSERT INTO customers (id, name, email, updated_at) VALUES (?, ?, ?, ?)", id, "customer " + id,
                "c" + id + "@shop.test", now());
        c.commit();
        keys.created("customers", id, side);
        return true;
    }

    private boolean updateCustomer() throws SQLException, RowGone {
        long id = keys.pick("customers", side, random);
        if (id < 0) {
            return false;
        }
        String who = side == 0 ? "a" : "b";
        expectOne(update("UPDATE customers SET name = ?, email = ?, updated_at = ? WHERE id = ?",
                "customer " + id + " " + who + random.nextInt(1000), who + random.nextInt(1000) + "." + id
                        + "@shop.test", now(), id));
        c.commit();
        keys.touched("customers", id, side);
        return true;
    }

    /** An order with 1 to 4 items, in one transaction; its amount is the items' total. */
    private boolean insertOrder() throws SQLException {
        long customer = keys.pick("customers", side, random);
        if (customer < 0) {
            return false;
        }
        long id = keys.newKey("orders", side);
        int lines = 1 + random.nextInt(4);
        BigDecimal amount = BigDecimal.ZERO;
        List<Object[]> items = new ArrayList<>();
        for (int line = 1; line <= lines; line++) {
            int qty = 1 + random.nextInt(5);
            BigDecimal price = ShopApplication.money(random, 200);
            amount = amount.add(price.multiply(BigDecimal.valueOf(qty)));
            items.add(new Object[] {id, line, "SKU-" + random.nextInt(10_000), qty, price});
        }
        update("INSERT INTO orders (id, customer_id, status, amount, notes, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, customer, "pending", amount, "new order from side " + side, now());
        for (Object[] item : items) {
            update("INSERT INTO order_items (order_id, line_no, sku, qty, price) VALUES (?, ?, ?, ?, ?)", item);
        }
        c.commit();
        keys.created("orders", id, side);
        return true;
    }

    /** One step forward: pending, paid, shipped, delivered. */
    private boolean advanceStatus() throws SQLException, RowGone {
        long id = keys.pick("orders", side, random);
        if (id < 0) {
            return false;
        }
        String status = single("SELECT status FROM orders WHERE id = ? FOR UPDATE", id);
        int rank = ShopSchema.STATUSES.indexOf(status);
        if (rank == ShopSchema.STATUSES.size() - 1) {
            c.rollback();
            return false; // delivered: nothing left to do
        }
        update("UPDATE orders SET status = ?, updated_at = ? WHERE id = ?", ShopSchema.STATUSES.get(rank + 1), now(),
                id);
        c.commit();
        keys.touched("orders", id, side);
        return true;
    }

    /** One item's quantity and price, and the order's amount (the items' new total) and notes, in one transaction. */
    private boolean updateAmounts() throws SQLException, RowGone {
        long id = keys.pick("orders", side, random);
        if (id < 0) {
            return false;
        }
        single("SELECT status FROM orders WHERE id = ? FOR UPDATE", id);
        List<Long> lines = column("SELECT line_no FROM order_items WHERE order_id = ? ORDER BY line_no FOR UPDATE", id);
        if (!lines.isEmpty()) {
            long line = lines.get(random.nextInt(lines.size()));
            update("UPDATE order_items SET qty = ?, price = ? WHERE order_id = ? AND line_no = ?",
                    1 + random.nextInt(9), ShopApplication.money(random, 200), id, line);
        }
        BigDecimal total = new BigDecimal(single("SELECT COALESCE(SUM(qty * price), 0) FROM order_items "
                + "WHERE order_id = ?", id)).setScale(2);
        update("UPDATE orders SET amount = ?, notes = ?, updated_at = ? WHERE id = ?", total,
                "changed on side " + side + " #" + random.nextInt(100_000), now(), id);
        c.commit();
        keys.touched("orders", id, side);
        return true;
    }

    /** An order and its items, in one transaction. */
    private boolean deleteOrder() throws SQLException, RowGone {
        long id = keys.pick("orders", side, random);
        if (id < 0) {
            return false;
        }
        single("SELECT status FROM orders WHERE id = ? FOR UPDATE", id);
        update("DELETE FROM order_items WHERE order_id = ?", id);
        expectOne(update("DELETE FROM orders WHERE id = ?", id));
        c.commit();
        keys.deleted("orders", id);
        return true;
    }

    /** A customer with its orders and their items, in one transaction. */
    private boolean deleteCustomer() throws SQLException, RowGone {
        long id = keys.pick("customers", side, random);
        if (id < 0) {
            return false;
        }
        single("SELECT name FROM customers WHERE id = ? FOR UPDATE", id);
        List<Long> orders = column("SELECT id FROM orders WHERE customer_id = ? ORDER BY id FOR UPDATE", id);
        for (long order : orders) {
            update("DELETE FROM order_items WHERE order_id = ?", order);
            update("DELETE FROM orders WHERE id = ?", order);
        }
        expectOne(update("DELETE FROM customers WHERE id = ?", id));
        c.commit();
        keys.deleted("customers", id);
        orders.forEach(o -> keys.deleted("orders", o));
        return true;
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            return ps.executeUpdate();
        }
    }

    private String single(String sql, Object... values) throws SQLException, RowGone {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RowGone();
                }
                return rs.getString(1);
            }
        }
    }

    private List<Long> column(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static void expectOne(int rows) throws RowGone {
        if (rows != 1) {
            throw new RowGone();
        }
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}

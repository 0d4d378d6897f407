package dev.bisync.benchmarks.convergence;

import dev.bisync.testkit.DatabaseEndpoint;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The shop's three tables, tied by foreign keys on both sides — {@code customers <- orders <- order_items} — with
 * equivalent types on MariaDB and PostgreSQL, and the audit the databases keep of every write to {@code orders}
 * (a trigger appends the key, the operation and the status to {@code orders_audit}, whoever wrote: the
 * application or bisync). The audit tables are not synced.
 */
public final class ShopSchema {

    /** The synced tables, parents first. */
    public static final List<String> TABLES = List.of("customers", "orders", "order_items");
    /** The order statuses, lowest first: an order only moves forward. */
    public static final List<String> STATUSES = List.of("pending", "paid", "shipped", "delivered");
    /** Every write to {@code orders} on one side, in the order the side made them. */
    public static final String AUDIT = "orders_audit";

    private static final String CUSTOMERS = "CREATE TABLE customers (id bigint PRIMARY KEY, name varchar(60) NOT NULL, "
            + "email varchar(80) NOT NULL, updated_at %1$s NOT NULL)";
    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, "
            + "status varchar(12) NOT NULL, amount decimal(12,2) NOT NULL, notes varchar(200), "
            + "updated_at %1$s NOT NULL, "
            + "CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id))";
    private static final String ITEMS = "CREATE TABLE order_items (order_id bigint NOT NULL, line_no int NOT NULL, "
            + "sku varchar(20) NOT NULL, qty int NOT NULL, price decimal(12,2) NOT NULL, "
            + "PRIMARY KEY (order_id, line_no), "
            + "CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id))";

    private ShopSchema() {
    }

    /** Creates the tables, the audit table and its triggers on MariaDB (side A). */
    public static void createMariaDb(DatabaseEndpoint maria) throws SQLException {
        execute(maria,
                CUSTOMERS.formatted("datetime(6)"),
                ORDERS.formatted("datetime(6)"),
                ITEMS,
                "CREATE TABLE " + AUDIT + " (seq bigint AUTO_INCREMENT PRIMARY KEY, order_id bigint NOT NULL, "
                        + "op char(1) NOT NULL, status varchar(12) NOT NULL, at datetime(6) NOT NULL "
                        + "DEFAULT utc_timestamp(6))",
                auditTrigger("i", "INSERT", "NEW"),
                auditTrigger("u", "UPDATE", "NEW"),
                auditTrigger("d", "DELETE", "OLD"));
    }

    /** Creates the tables ({@code REPLICA IDENTITY FULL}), the audit table and its trigger on PostgreSQL (side B). */
    public static void createPostgres(DatabaseEndpoint pg) throws SQLException {
        execute(pg,
                CUSTOMERS.formatted("timestamp(6)"),
                ORDERS.formatted("timestamp(6)"),
                ITEMS,
                "CREATE INDEX orders_customer ON orders (customer_id)",
                "ALTER TABLE customers REPLICA IDENTITY FULL",
                "ALTER TABLE orders REPLICA IDENTITY FULL",
                "ALTER TABLE order_items REPLICA IDENTITY FULL",
                "CREATE TABLE " + AUDIT + " (seq bigserial PRIMARY KEY, order_id bigint NOT NULL, op char(1) NOT NULL, "
                        + "status varchar(12) NOT NULL, at timestamp(6) NOT NULL "
                        + "DEFAULT (clock_timestamp() AT TIME ZONE 'UTC'))",
                "CREATE FUNCTION orders_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF TG_OP = 'DELETE' THEN INSERT INTO " + AUDIT + " (order_id, op, status) "
                        + "VALUES (OLD.id, 'd', OLD.status); "
                        + "ELSE INSERT INTO " + AUDIT + " (order_id, op, status) "
                        + "VALUES (NEW.id, lower(left(TG_OP, 1)), NEW.status); END IF; RETURN NULL; END $$",
                "CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH ROW "
                        + "EXECUTE FUNCTION orders_audit_row()");
    }

    private static String auditTrigger(String op, String event, String row) {
        return "CREATE TRIGGER orders_audit_" + op + " AFTER " + event + " ON orders FOR EACH ROW INSERT INTO " + AUDIT
                + " (order_id, op, status) VALUES (" + row + ".id, '" + op + "', " + row + ".status)";
    }

    private static void execute(DatabaseEndpoint endpoint, String... statements) throws SQLException {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}

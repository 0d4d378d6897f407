package dev.bisync.core.it;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.bisync.core.it.SyncFixture.execute;

/**
 * A table {@code <name>_items (id, name, qty)} on both databases whose every row write (insert, update, delete,
 * by anyone) a trigger records in {@code <name>_audit}: the databases' own count of the writes they received.
 */
final class AuditedTable {

    private AuditedTable() {
    }

    /** Creates the table, its audit table and the triggers on both databases; returns the table's name. */
    static String create(EmbeddedStack stack, String name) throws SQLException {
        return create(stack.mariadb(), stack.postgres(), name);
    }

    /** As above, on a MySQL-family database of its own (MariaDB or MySQL) and PostgreSQL. */
    static String create(DatabaseEndpoint mysqlFamily, DatabaseEndpoint postgres, String name) throws SQLException {
        String items = name + "_items";
        String audit = name + "_audit";
        execute(mysqlFamily,
                "CREATE TABLE " + items + " (id int PRIMARY KEY, name varchar(40) NOT NULL, qty int NOT NULL)",
                "CREATE TABLE " + audit + " (n bigint AUTO_INCREMENT PRIMARY KEY, op char(1) NOT NULL)",
                "CREATE TRIGGER " + name + "_ins AFTER INSERT ON " + items + " FOR EACH ROW INSERT INTO " + audit
                        + " (op) VALUES ('i')",
                "CREATE TRIGGER " + name + "_upd AFTER UPDATE ON " + items + " FOR EACH ROW INSERT INTO " + audit
                        + " (op) VALUES ('u')",
                "CREATE TRIGGER " + name + "_del AFTER DELETE ON " + items + " FOR EACH ROW INSERT INTO " + audit
                        + " (op) VALUES ('d')");
        execute(postgres,
                "CREATE TABLE " + items + " (id int PRIMARY KEY, name varchar(40) NOT NULL, qty int NOT NULL)",
                "ALTER TABLE " + items + " REPLICA IDENTITY FULL",
                "CREATE TABLE " + audit + " (n bigserial PRIMARY KEY, op char(1) NOT NULL)",
                "CREATE FUNCTION " + name + "_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "INSERT INTO " + audit + " (op) VALUES (lower(left(TG_OP, 1))); RETURN NULL; END $$",
                "CREATE TRIGGER " + name + "_audit AFTER INSERT OR UPDATE OR DELETE ON " + items
                        + " FOR EACH ROW EXECUTE FUNCTION " + name + "_audit_row()");
        return items;
    }

    /** Row writes the database recorded for the table. */
    static long writes(DatabaseEndpoint endpoint, String name) throws SQLException {
        return Long.parseLong(Rows.read(endpoint, "SELECT count(*) FROM " + name + "_audit").get(0).get(0));
    }

    /** Transactions MariaDB logged in bisync's GTID domain (the default echo id): bisync's session-marked writes. */
    static long bisyncTransactionsOnMariaDb(DatabaseEndpoint maria) throws SQLException {
        String position = Rows.read(maria, "SELECT @@gtid_binlog_pos").get(0).get(0);
        Matcher m = Pattern.compile("(?:^|,)" + SyncConfig.DEFAULT_ECHO_ID + "-\\d+-(\\d+)").matcher(position);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The echoes a lane recognised, by its own count ({@code bisync.events}, outcome {@code echo}). */
    static double echoes(MeterRegistry meters, String lane) {
        return meters.find("bisync.events").tag("lane", lane).tag("outcome", "echo").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}

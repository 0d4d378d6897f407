package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A source transaction is applied whole: its changes span two tables (two topics, polled apart with one record per
 * poll), yet a reader of the target never sees part of one — neither a parent with some of its children nor some
 * children updated and others not — in either direction. No transaction is applied in pieces.
 */
@ExtendWith(EmbeddedStackExtension.class)
class TransactionsIT {

    private static final int TRANSACTIONS = 8;
    private static final int CHILDREN = 30;

    private static SyncFixture fixture;
    private static EmbeddedStack stack;
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        String parent = "CREATE TABLE tx_parent (id int PRIMARY KEY, name varchar(20) NOT NULL)";
        String child = "CREATE TABLE tx_child (id int PRIMARY KEY, parent_id int NOT NULL, val int NOT NULL, "
                + "FOREIGN KEY (parent_id) REFERENCES tx_parent (id))";
        execute(stack.mariadb(), parent, child);
        execute(stack.postgres(), parent, child, "ALTER TABLE tx_parent REPLICA IDENTITY FULL",
                "ALTER TABLE tx_child REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "tx", 5611, List.of("tx_parent", "tx_child"), b -> b.batchSize(1));
        fixture.start(REGISTRY);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void mariadbTransactionsReachPostgresWhole() throws Exception {
        roundTrip(stack.mariadb(), stack.postgres(), 0, "txmaria");
    }

    @Test
    void postgresTransactionsReachMariadbWhole() throws Exception {
        roundTrip(stack.postgres(), stack.mariadb(), 1000, "txpg");
    }

    private static void roundTrip(DatabaseEndpoint source, DatabaseEndpoint target, int base, String prefix)
            throws Exception {
        Set<String> torn = new ConcurrentSkipListSet<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> watch(target, base, torn, reading), "tx-reader");
        reader.start();
        try {
            for (int t = 0; t < TRANSACTIONS; t++) {
                int id = base + t;
                String[] sql = new String[CHILDREN + 1];
                sql[0] = "INSERT INTO tx_parent VALUES (" + id + ", 'p" + id + "')";
                for (int c = 0; c < CHILDREN; c++) {
                    sql[c + 1] = "INSERT INTO tx_child VALUES (" + (id * 100 + c + 100_000) + ", " + id + ", 0)";
                }
                transaction(source, sql);
                transaction(source, "UPDATE tx_child SET val = val + 1 WHERE parent_id = " + id,
                        "UPDATE tx_parent SET name = 'q" + id + "' WHERE id = " + id);
            }
            String all = "SELECT c.id, c.parent_id, c.val, p.name FROM tx_child c JOIN tx_parent p ON p.id = c.parent_id"
                    + " WHERE c.parent_id >= " + base + " AND c.parent_id < " + (base + TRANSACTIONS) + " ORDER BY c.id";
            awaitEqual(source, target, all, TIMEOUT);
            assertEquals(TRANSACTIONS * CHILDREN, Rows.read(target, all).size());
        } finally {
            reading.set(false);
            reader.join();
        }
        assertEquals(Set.of(), torn, "a reader of the target saw part of a source transaction");
        // the transaction topic's offset is stored with the rows: a restart does not read old markers again
        Rows.await("the transaction topic's offset stored in " + target.jdbcUrl(), TIMEOUT,
                () -> !Rows.read(target, "SELECT next_offset FROM bisync_offsets WHERE topic = '" + prefix
                        + ".transaction'").isEmpty(),
                () -> Rows.read(target, "SELECT topic, kafka_partition, next_offset FROM bisync_offsets").toString());
        assertEquals(0.0, REGISTRY.get("bisync.transactions.split").counters().stream()
                .mapToDouble(c -> c.count()).sum(), "no transaction applied in pieces");
    }

    /** Reads the target over and over; notes every parent seen with a number of children other than 0 or all. */
    private static void watch(DatabaseEndpoint target, int base, Set<String> torn, AtomicBoolean reading) {
        String sql = "SELECT p.id, p.name, count(c.id), count(DISTINCT c.val), min(c.val) FROM tx_parent p "
                + "LEFT JOIN tx_child c ON c.parent_id = p.id WHERE p.id >= " + base + " AND p.id < "
                + (base + TRANSACTIONS) + " GROUP BY p.id, p.name";
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            while (reading.get()) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        long children = rs.getLong(3);
                        boolean updatedParent = rs.getString(2).startsWith("q");
                        boolean whole = children == CHILDREN && rs.getLong(4) == 1
                                && (rs.getLong(5) == 1) == updatedParent;
                        if (!whole) {
                            torn.add("parent " + rs.getInt(1) + " (" + rs.getString(2) + "): " + children
                                    + " children, " + rs.getLong(4) + " distinct values, min " + rs.getLong(5));
                        }
                    }
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        } catch (Exception e) {
            torn.add("reader failed: " + e);
        }
    }

    private static void transaction(DatabaseEndpoint endpoint, String... statements) throws Exception {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        }
    }
}

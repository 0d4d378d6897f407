package dev.bisync.core.it;

import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.bisync.core.it.Rows.awaitEqual;
import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Echo prevention's second layer alone: with the connectors' capture-side filters taken out
 * ({@code slot.stream.params}, {@code gtid.source.excludes}), bisync's own writes do reach Kafka; each lane must
 * recognise them (replication origin, GTID domain) and not apply them back. Counted by the databases' triggers
 * and by the lanes' {@code echo} outcome.
 */
@Tag("versions") // also run against PostgreSQL 15: see this module's pom
@ExtendWith(EmbeddedStackExtension.class)
class EchoRecognitionIT {

    private static final long SETTLE_MS = 3_000;

    private static SyncFixture fixture;
    private static DatabaseEndpoint maria;
    private static DatabaseEndpoint pg;
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    @BeforeAll
    static void start(EmbeddedStack stack) throws Exception {
        maria = stack.mariadb();
        pg = stack.postgres();
        String table = AuditedTable.create(stack, "echo2");
        fixture = new SyncFixture(stack, "echotwo", 5606, List.of(table), b -> { }, connector -> {
            connector.remove("slot.stream.params");
            connector.remove("gtid.source.excludes");
        });
        fixture.start(METERS);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void ownWritesThatReachKafkaAreRecognisedAndNotAppliedBack() throws Exception {
        execute(maria, "INSERT INTO echo2_items VALUES (1, 'from mariadb', 1)");
        awaitEqual(maria, pg, "SELECT id, name, qty FROM echo2_items ORDER BY id", TIMEOUT);
        execute(pg, "UPDATE echo2_items SET qty = 2 WHERE id = 1");
        awaitEqual(pg, maria, "SELECT id, name, qty FROM echo2_items ORDER BY id", TIMEOUT);
        Rows.await("both echoes recognised", TIMEOUT, () -> echoes("mariadb-to-postgres") >= 1
                && echoes("postgres-to-mariadb") >= 1, () -> "echoes " + echoes("mariadb-to-postgres") + "/"
                + echoes("postgres-to-mariadb"));
        Thread.sleep(SETTLE_MS);
        long mariaWrites = AuditedTable.writes(maria, "echo2");
        long pgWrites = AuditedTable.writes(pg, "echo2");
        System.out.println("[EchoRecognitionIT] row writes: mariadb " + mariaWrites + ", postgres " + pgWrites
                + "; echoes recognised: mariadb-to-postgres " + echoes("mariadb-to-postgres")
                + ", postgres-to-mariadb " + echoes("postgres-to-mariadb"));
        assertEquals(2, mariaWrites, "MariaDB: the application's insert and bisync's update, nothing more");
        assertEquals(2, pgWrites, "PostgreSQL: bisync's insert and the application's update, nothing more");
        assertTrue(echoes("postgres-to-mariadb") >= 1
                && echoes("mariadb-to-postgres") >= 1);
    }

    private static double echoes(String lane) {
        return AuditedTable.echoes(METERS, lane);
    }
}

package dev.bisync.core.it;

import dev.bisync.api.Health;
import dev.bisync.api.RetriableException;
import dev.bisync.api.TableId;
import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;
import dev.bisync.spi.ConflictStrategy;
import dev.bisync.spi.TableMapper;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.bisync.core.it.SyncFixture.TIMEOUT;
import static dev.bisync.core.it.SyncFixture.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link RetriableException} from host code (a {@link TableMapper}, a {@link ConflictStrategy}) is what its javadoc
 * says: the change is tried again with the batch, up to {@code eventAttempts} times, then dead-lettered with the
 * message; the rest is applied and the lane keeps running (it used to stop the lane, DOWN, as an unexpected error).
 */
@ExtendWith(EmbeddedStackExtension.class)
class HostRetriableIT {

    private static final String DLQ = "bisync.hostretry.mariadb-to-postgres.dlq";
    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    private static final AtomicInteger FLAKY_DECISIONS = new AtomicInteger();
    private static SyncFixture fixture;
    private static EmbeddedStack stack;

    /** Fails "flaky" once, "never" always; everything else as it is. */
    static final class LookupMapper implements TableMapper {
        @Override
        public Object transform(TableId source, String column, Object value) {
            if ("flaky".equals(value) && FLAKY_CALLS.incrementAndGet() == 1) {
                throw new RetriableException("the price service did not answer", null);
            }
            if ("never".equals(value)) {
                throw new RetriableException("the price service does not know this product", null);
            }
            return value;
        }
    }

    /**
     * Fails a conflict over "shaky" once and over "down" always; keeps the target's row against postgres's "pg"
     * (so both lanes agree), takes the incoming row otherwise.
     */
    static final class LookupStrategy implements ConflictStrategy {
        @Override
        public ConflictDecision resolve(Conflict conflict) {
            Object name = conflict.incoming().get("name");
            if ("shaky".equals(name) && FLAKY_DECISIONS.incrementAndGet() == 1) {
                throw new RetriableException("the rules service did not answer", null);
            }
            if ("down".equals(name)) {
                throw new RetriableException("the rules service is down for this product", null);
            }
            return "pg".equals(name) ? ConflictDecision.keepTarget("mariadb's row")
                    : ConflictDecision.apply("mariadb's row");
        }
    }

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        for (String name : List.of("hr_items", "hr_rules")) {
            String table = "CREATE TABLE " + name + " (id int PRIMARY KEY, name varchar(20) NOT NULL)";
            execute(stack.mariadb(), table);
            execute(stack.postgres(), table, "ALTER TABLE " + name + " REPLICA IDENTITY FULL");
        }
        fixture = new SyncFixture(stack, "hostretry", 5631, List.of("hr_items", "hr_rules"),
                b -> b.eventAttempts(3).tableMapper(new LookupMapper())
                        .conflictStrategy("hr_rules", new LookupStrategy()));
        fixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aRetriableFailureOfTheMapperIsTriedAgainThenDeadLetteredAndTheLaneGoesOn() throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        long lettersBefore = DeadLetterTopic.size(stack, DLQ);
        execute(maria, "INSERT INTO hr_items VALUES (1, 'plain')", "INSERT INTO hr_items VALUES (2, 'flaky')",
                "INSERT INTO hr_items VALUES (3, 'never')", "INSERT INTO hr_items VALUES (4, 'after')");
        Rows.await("the good rows applied", TIMEOUT, () -> Rows.read(stack.postgres(),
                "SELECT id FROM hr_items ORDER BY id").equals(List.of(List.of("1"), List.of("2"), List.of("4"))),
                () -> Rows.read(stack.postgres(), "SELECT id, name FROM hr_items").toString());
        Rows.await("'never' dead-lettered", TIMEOUT, () -> DeadLetterTopic.size(stack, DLQ) == lettersBefore + 1,
                () -> "");
        DeadLetterTopic.Letter letter = DeadLetterTopic.read(stack, DLQ).get((int) lettersBefore);
        assertEquals("RetriableException", letter.header("bisync.error.class"));
        assertEquals("3", letter.header("bisync.attempts"), letter.toString());
        assertTrue(letter.header("bisync.error.message").contains("does not know this product"), letter.toString());
        assertTrue(FLAKY_CALLS.get() >= 2, "the flaky row was tried again");
        assertTrue(fixture.sync().health().lanes().stream().noneMatch(l -> l.status() == Health.DOWN),
                fixture.sync().health().toString());
    }

    @Test
    void aRetriableFailureOfTheConflictStrategyIsTriedAgainThenDeadLettered() throws Exception {
        // the same keys inserted on both sides while the sync is stopped: every insert is a conflict the strategy
        // decides
        long lettersBefore = DeadLetterTopic.size(stack, DLQ);
        fixture.stopSync();
        execute(stack.postgres(), "INSERT INTO hr_rules VALUES (1, 'pg'), (2, 'pg'), (3, 'pg')");
        execute(stack.mariadb(), "INSERT INTO hr_rules VALUES (1, 'shaky')", "INSERT INTO hr_rules VALUES (2, 'down')",
                "INSERT INTO hr_rules VALUES (3, 'plain')");
        fixture.start();
        Rows.await("the decided conflicts applied", TIMEOUT, () -> Rows.read(stack.postgres(),
                "SELECT id, name FROM hr_rules ORDER BY id").equals(List.of(List.of("1", "shaky"), List.of("2", "pg"),
                List.of("3", "plain"))), () -> Rows.read(stack.postgres(), "SELECT id, name FROM hr_rules").toString());
        Rows.await("'down' dead-lettered", TIMEOUT, () -> DeadLetterTopic.size(stack, DLQ) == lettersBefore + 1,
                () -> "");
        DeadLetterTopic.Letter letter = DeadLetterTopic.read(stack, DLQ).get((int) lettersBefore);
        assertEquals("3", letter.header("bisync.attempts"), letter.toString());
        assertTrue(letter.header("bisync.error.message").contains("rules service is down"), letter.toString());
        assertTrue(FLAKY_DECISIONS.get() >= 2, "the shaky conflict was decided again");
        assertTrue(fixture.sync().health().lanes().stream().noneMatch(l -> l.status() == Health.DOWN),
                fixture.sync().health().toString());
    }
}

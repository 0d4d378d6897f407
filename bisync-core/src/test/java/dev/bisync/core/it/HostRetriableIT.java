package dev.bisync.core.it;

import dev.bisync.api.Health;
import dev.bisync.api.RetriableException;
import dev.bisync.api.TableId;
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
 * A {@link RetriableException} from host code (here a {@link TableMapper}) is what its javadoc says: the change is
 * tried again with the batch, up to {@code eventAttempts} times, then dead-lettered with the message; the rest is
 * applied and the lane keeps running (it used to stop the lane, DOWN, as an unexpected error).
 */
@ExtendWith(EmbeddedStackExtension.class)
class HostRetriableIT {

    private static final String DLQ = "bisync.hostretry.mariadb-to-postgres.dlq";
    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
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

    @BeforeAll
    static void start(EmbeddedStack s) throws Exception {
        stack = s;
        String table = "CREATE TABLE hr_items (id int PRIMARY KEY, name varchar(20) NOT NULL)";
        execute(stack.mariadb(), table);
        execute(stack.postgres(), table, "ALTER TABLE hr_items REPLICA IDENTITY FULL");
        fixture = new SyncFixture(stack, "hostretry", 5631, List.of("hr_items"),
                b -> b.eventAttempts(3).tableMapper(new LookupMapper()));
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
        execute(maria, "INSERT INTO hr_items VALUES (1, 'plain')", "INSERT INTO hr_items VALUES (2, 'flaky')",
                "INSERT INTO hr_items VALUES (3, 'never')", "INSERT INTO hr_items VALUES (4, 'after')");
        Rows.await("the good rows applied", TIMEOUT, () -> Rows.read(stack.postgres(),
                "SELECT id FROM hr_items ORDER BY id").equals(List.of(List.of("1"), List.of("2"), List.of("4"))),
                () -> Rows.read(stack.postgres(), "SELECT id, name FROM hr_items").toString());
        Rows.await("'never' dead-lettered", TIMEOUT, () -> DeadLetterTopic.size(stack, DLQ) == 1, () -> "");
        DeadLetterTopic.Letter letter = DeadLetterTopic.read(stack, DLQ).get(0);
        assertEquals("RetriableException", letter.header("bisync.error.class"));
        assertEquals("3", letter.header("bisync.attempts"), letter.toString());
        assertTrue(letter.header("bisync.error.message").contains("does not know this product"), letter.toString());
        assertTrue(FLAKY_CALLS.get() >= 2, "the flaky row was tried again");
        assertTrue(fixture.sync().health().lanes().stream().noneMatch(l -> l.status() == Health.DOWN),
                fixture.sync().health().toString());
    }
}

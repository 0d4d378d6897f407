package dev.bisync.benchmarks.convergence;

import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convergence harness, short: one seed, 20 s of the shop's workload at 20 transactions/s on each side
 * (customers, orders with their items, status moves, amount changes, deletes of orders and of customers with their
 * orders, a fifth of them on keys the other side just touched), lanes in this JVM. Both sides must converge to the
 * same rows, no status may move backwards and no deleted order come back on either side, and nothing may be
 * dead-lettered (the workload holds no bad data).
 */
@ExtendWith(EmbeddedStackExtension.class)
class ForeignKeyConvergenceIT {

    private static final int SECONDS = 20;
    private static final int RATE = 20;

    @Test
    void bothSidesConvergeUnderConcurrentForeignKeyTransactions(EmbeddedStack stack) throws Exception {
        RunResult r = ConvergenceRun.run(stack, new ConvergenceRun.Options(1, SECONDS, RATE, 0, false, false, false,
                Duration.ofSeconds(120), Path.of("target/convergence-it")));
        System.out.println(r.report());
        System.out.println(r.line());
        assertTrue(r.appA().committed() > SECONDS * RATE / 2 && r.appB().committed() > SECONDS * RATE / 2,
                "both applications committed most of their transactions: " + r.line());
        assertAll(
                () -> assertTrue(r.quiesced(), "quiescent within 120 s"),
                () -> assertEquals(Map.of("customers", 0, "orders", 0, "order_items", 0), Map.copyOf(r.differing()),
                        "differing rows per table"),
                () -> assertEquals(List.of(), r.violations(), "status moved backwards"),
                () -> assertEquals(List.of(), r.resurrections(), "deleted orders inserted again"),
                () -> assertEquals(0, r.orphans(), "orphans"),
                () -> assertEquals(0, r.deadLetters(), "dead letters"),
                () -> assertEquals(0, r.appA().unexpected() + r.appB().unexpected(),
                        "unexpected application errors: " + r.appA().unexpectedMessages()
                                + r.appB().unexpectedMessages()));
    }
}

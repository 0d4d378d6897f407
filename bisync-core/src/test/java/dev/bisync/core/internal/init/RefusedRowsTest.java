package dev.bisync.core.internal.init;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RefusedRowsTest {

    @Test
    void refusedRowsAreListedInKeyOrderWithNumbersByValue() {
        List<String> keys = new ArrayList<>(List.of("(30)", "(7)", "(23)", "(a, 10)", "(a, 9)", "(b)",
                "(12345678901234567890)"));
        keys.sort(RefusedRows::naturally);
        assertEquals(List.of("(7)", "(23)", "(30)", "(12345678901234567890)", "(a, 9)", "(a, 10)", "(b)"), keys);
    }
}

package dev.bisync.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperationTest {

    @Test
    void everyCodeMapsBackToItsOperation() {
        for (Operation op : Operation.values()) {
            assertEquals(op, Operation.fromCode(op.code()));
        }
    }

    @Test
    void unknownCodeIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Operation.fromCode("x"));
        assertTrue(e.getMessage().contains("'x'"));
        assertThrows(IllegalArgumentException.class, () -> Operation.fromCode(null));
        assertThrows(IllegalArgumentException.class, () -> Operation.fromCode("cu"));
    }
}

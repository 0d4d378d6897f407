package dev.bisync.mysql.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KeyCollationsTest {

    @Test
    void aCollationSaysWhatItIgnoresAndOnlyNoPadBinaryComparesExactly() {
        assertEquals("ignoring case, accents and trailing spaces", KeyCollations.ignores("utf8mb4_uca1400_ai_ci"));
        assertEquals("ignoring case, accents and trailing spaces", KeyCollations.ignores("utf8mb4_general_ci"));
        assertEquals("ignoring case and accents", KeyCollations.ignores("utf8mb4_general_nopad_ci"));
        assertEquals("ignoring case", KeyCollations.ignores("utf8mb4_0900_as_ci"));
        assertEquals("ignoring case and accents", KeyCollations.ignores("utf8mb4_0900_ai_ci"));
        assertEquals("ignoring trailing spaces", KeyCollations.ignores("utf8mb4_bin"));
        assertNull(KeyCollations.ignores("utf8mb4_nopad_bin"));
    }
}

package dev.bisync.postgres.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PostgresCopyTextTest {

    private static String field(String text) {
        StringBuilder out = new StringBuilder();
        PostgresCopyText.escape(text, out);
        return out.toString();
    }

    @Test
    void nullIsTheNullMarkAndTheEmptyStringIsAnEmptyField() {
        assertEquals("\\N", field(null));
        assertEquals("", field(""));
        assertEquals("\\\\N", field("\\N"), "the text \\N is not NULL");
    }

    @Test
    void separatorsAndBackslashesAreEscapedEverythingElseKept() {
        assertEquals("a\\tb\\nc\\rd\\\\e", field("a\tb\nc\rd\\e"));
        assertEquals("\\\\.", field("\\."), "not the end-of-data mark");
        assertEquals("\"q\",'s';é😀\u0001", field("\"q\",'s';é😀\u0001"));
    }
}

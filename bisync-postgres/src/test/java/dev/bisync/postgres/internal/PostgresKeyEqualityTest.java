package dev.bisync.postgres.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PostgresKeyEqualityTest {

    @Test
    void citextCharAndNondeterministicCollationsAreNamedDeterministicTextIsNot() {
        assertEquals("ignoring case", PostgresKeyEquality.ignores("citext", null, true));
        assertEquals("ignoring trailing spaces", PostgresKeyEquality.ignores("bpchar", "default", true));
        assertEquals("by its nondeterministic collation und_ci (ignoring case or accents, as it says)",
                PostgresKeyEquality.ignores("varchar", "und_ci", false));
        assertNull(PostgresKeyEquality.ignores("varchar", "default", true));
        assertNull(PostgresKeyEquality.ignores("text", "C", true));
        assertNull(PostgresKeyEquality.ignores("int4", null, true));
    }
}

package dev.bisync.core.internal.resolve;

import dev.bisync.api.JsonText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalValuesTest {

    @Test
    void decimalsCompareByValueNotScale() {
        assertTrue(CanonicalValues.equal(new BigDecimal("1.5"), new BigDecimal("1.500000")));
        assertTrue(CanonicalValues.equal(7, 7L));
        assertTrue(CanonicalValues.equal(new BigInteger("18446744073709551615"), new BigDecimal("18446744073709551615")));
        assertTrue(CanonicalValues.equal("10.50", new BigDecimal("10.5")));
        assertFalse(CanonicalValues.equal(new BigDecimal("1.5"), new BigDecimal("1.51")));
    }

    @Test
    void floatsCountAsTheirShortestDecimalFormAsTheDialectsWriteThem() {
        assertTrue(CanonicalValues.equal(0.1f, 0.1d));
        assertTrue(CanonicalValues.equal(0.1f, new BigDecimal("0.10")));
        assertTrue(CanonicalValues.equal(2.5f, "2.5"));
        assertFalse(CanonicalValues.equal(0.1f, 0.10000000149011612d));
        assertFalse(CanonicalValues.equal(Double.NaN, 0));
    }

    @Test
    void booleansEqualZeroAndOne() {
        assertTrue(CanonicalValues.equal(true, 1));
        assertTrue(CanonicalValues.equal((short) 0, false));
        assertFalse(CanonicalValues.equal(true, 0));
    }

    @Test
    void jsonComparesAsADocument() {
        assertTrue(CanonicalValues.equal(new JsonText("{\"a\": 1, \"b\": [1, 2]}"), new JsonText("{\"b\":[1,2],\"a\":1}")));
        assertFalse(CanonicalValues.equal(new JsonText("{\"a\": 1}"), new JsonText("{\"a\": 2}")));
    }

    @Test
    void timestampsWithoutZoneAreUtc() {
        LocalDateTime t = LocalDateTime.of(2026, 3, 29, 1, 30, 0, 123_456_000);
        assertTrue(CanonicalValues.equal(t, Instant.parse("2026-03-29T01:30:00.123456Z")));
        assertFalse(CanonicalValues.equal(t, Instant.parse("2026-03-29T01:30:00.123457Z")));
        assertTrue(CanonicalValues.equal(LocalTime.of(1, 2, 3), Duration.ofSeconds(3723)));
    }

    @Test
    void bytesAndListsCompareByContent() {
        assertTrue(CanonicalValues.equal(new byte[] {1, 2}, new byte[] {1, 2}));
        assertFalse(CanonicalValues.equal(new byte[] {1, 2}, new byte[] {1, 3}));
        assertTrue(CanonicalValues.equal(List.of(1, 2), List.of(1L, 2L)));
        assertFalse(CanonicalValues.equal(null, 0));
        assertTrue(CanonicalValues.equal(null, null));
    }
}

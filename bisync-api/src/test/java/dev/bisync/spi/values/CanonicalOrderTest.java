package dev.bisync.spi.values;

import dev.bisync.api.JsonText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalOrderTest {

    @Test
    void numbersOfAnyJavaTypeCompareByValue() {
        assertEquals(0, CanonicalOrder.compare(2, new BigDecimal("2.00")));
        assertTrue(CanonicalOrder.compare(1L, 1.5d) < 0);
        assertTrue(CanonicalOrder.compare(new BigInteger("18446744073709551615"), Long.MAX_VALUE) > 0);
        assertEquals(0, CanonicalOrder.compare(0.1f, new BigDecimal("0.1")), "a float by its shortest form");
    }

    @Test
    void nonFiniteNumbersHaveAPlaceInsteadOfFailing() {
        assertTrue(CanonicalOrder.compare(Double.NEGATIVE_INFINITY, Long.MIN_VALUE) < 0);
        assertTrue(CanonicalOrder.compare(Double.POSITIVE_INFINITY, new BigDecimal("1E+300")) > 0);
        assertTrue(CanonicalOrder.compare(Double.NaN, Double.POSITIVE_INFINITY) > 0);
    }

    @Test
    void pointsInTimeCompareByInstantWithoutZoneAsUtc() {
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 12, 0);
        assertEquals(0, CanonicalOrder.compare(t, t.toInstant(ZoneOffset.UTC)));
        assertTrue(CanonicalOrder.compare(t, OffsetDateTime.of(t, ZoneOffset.ofHours(-1))) < 0);
        assertEquals(0, CanonicalOrder.compare(LocalDate.of(2026, 1, 1), Instant.parse("2026-01-01T00:00:00Z")));
        assertTrue(CanonicalOrder.compare(t.plusNanos(1000), t) > 0);
    }

    @Test
    void otherValuesByNaturalOrderThenByText() {
        assertTrue(CanonicalOrder.compare("a", "b") < 0);
        assertTrue(CanonicalOrder.compare(false, true) < 0);
        assertTrue(CanonicalOrder.compare(new JsonText("[1]"), new JsonText("[2]")) < 0);
    }

    @Test
    void nullHasNoPlace() {
        assertThrows(NullPointerException.class, () -> CanonicalOrder.compare(null, 1));
        assertThrows(NullPointerException.class, () -> CanonicalOrder.compare(1, null));
    }
}

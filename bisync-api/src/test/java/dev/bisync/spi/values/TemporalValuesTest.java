package dev.bisync.spi.values;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static dev.bisync.spi.values.UnfitAssertions.assertUnfit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class TemporalValuesTest {

    @Test
    void dateTimeTextIsReadInIsoAndSqlForm() {
        Instant expected = Instant.parse("2024-01-02T10:11:12.500Z");
        assertEquals(expected, TemporalValues.toInstant("2024-01-02 10:11:12.5+00"));
        assertEquals(expected, TemporalValues.toInstant("2024-01-02T10:11:12.5Z"));
        assertEquals(expected, TemporalValues.toInstant("2024-01-02t10:11:12.5z"));
        assertEquals(expected, TemporalValues.toInstant("2024-01-02 12:11:12.5+02:00"));
        assertEquals(expected, TemporalValues.toInstant(" 2024-01-02 10:11:12.5 "));
        assertEquals(Instant.parse("2024-01-02T00:00:00Z"), TemporalValues.toInstant("2024-01-02"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 10, 11, 12, 123_456_789),
                TemporalValues.toLocalDateTime("2024-01-02 10:11:12.123456789"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 8, 11),
                TemporalValues.toLocalDateTime("2024-01-02 10:11+02"), "zoned text is taken in UTC");
        assertUnfit("is not a date or date-time in ISO or SQL form", () -> TemporalValues.toInstant("02/01/2024"));
    }

    @Test
    void valuesWithoutZoneAreUtc() {
        LocalDateTime local = LocalDateTime.of(2024, 1, 2, 10, 0);
        assertEquals(Instant.parse("2024-01-02T10:00:00Z"), TemporalValues.toInstant(local));
        assertEquals(local, TemporalValues.toLocalDateTime(OffsetDateTime.of(2024, 1, 2, 12, 0, 0, 0,
                ZoneOffset.ofHours(2))));
        assertEquals(local, TemporalValues.toLocalDateTime(ZonedDateTime.of(2024, 1, 2, 11, 0, 0, 0,
                ZoneId.of("Europe/Paris"))));
        assertEquals(LocalDateTime.of(2024, 1, 2, 0, 0), TemporalValues.toLocalDateTime(LocalDate.of(2024, 1, 2)));
    }

    @Test
    void aNumberIsNeverADate() {
        assertUnfit("a Long cannot be written as a date and time", () -> TemporalValues.toInstant(19_000L));
        assertNull(TemporalValues.instantOrNull(19_000L));
        assertNull(TemporalValues.instantOrNull("2024-01-02"));
        assertNull(TemporalValues.instantOrNull(LocalTime.NOON));
    }

    @Test
    void impossibleDatesAreRefusedNotMovedToTheMonthsEnd() {
        assertThrows(UnfitValueException.class, () -> TemporalValues.toLocalDate("2024-02-30"));
        assertThrows(UnfitValueException.class, () -> TemporalValues.toLocalDateTime("2023-02-31 10:00"));
        assertThrows(UnfitValueException.class, () -> TemporalValues.toInstant("2023-04-31T00:00:00Z"));
        assertEquals(LocalDate.of(2024, 2, 29), TemporalValues.toLocalDate("2024-02-29"));
    }

    @Test
    void dateColumnTakesADateTimeOnlyAtMidnight() {
        assertEquals(LocalDate.of(2024, 1, 2), TemporalValues.toLocalDate("2024-01-02"));
        assertEquals(LocalDate.of(2024, 1, 2), TemporalValues.toLocalDate("2024-01-02 00:00:00"));
        assertEquals(LocalDate.of(2024, 1, 2), TemporalValues.toLocalDate(Instant.parse("2024-01-02T00:00:00Z")));
        assertUnfit("has a time of day, the column holds a date",
                () -> TemporalValues.toLocalDate("2024-01-02 00:00:00.000001"));
    }

    @Test
    void timeOfDayTextAndDurations() {
        assertEquals(LocalTime.of(1, 2, 3), TemporalValues.toLocalTime(Duration.ofSeconds(3723)));
        assertEquals(LocalTime.of(8, 11, 12), TemporalValues.toLocalTime("10:11:12+02"), "zoned time in UTC");
        assertEquals(LocalTime.of(10, 11, 12, 500_000_000), TemporalValues.toLocalTime("10:11:12.5"));
        assertEquals(OffsetTime.of(10, 11, 12, 0, ZoneOffset.ofHours(2)), TemporalValues.toOffsetTime("10:11:12+02"),
                "the offset is kept");
        assertEquals(OffsetTime.of(10, 11, 0, 0, ZoneOffset.UTC), TemporalValues.toOffsetTime("10:11"));
        assertUnfit("is not a time of day (0 to 24 hours)", () -> TemporalValues.toLocalTime(Duration.ofHours(24)));
        assertUnfit("is not a time of day (0 to 24 hours)", () -> TemporalValues.toLocalTime(Duration.ofSeconds(-1)));
        assertUnfit("is not a time of day in ISO or SQL form", () -> TemporalValues.toLocalTime("25:00"));
        assertUnfit("a LocalDate cannot be written as a time of day",
                () -> TemporalValues.toOffsetTime(LocalDate.EPOCH));
    }

    @Test
    void fractionFitsWhenNoNonZeroDigitIsLost() {
        LocalTime millis = LocalTime.of(10, 0, 0, 123_000_000);
        assertSame(millis, TemporalValues.fitFraction(millis, 3));
        assertSame(millis, TemporalValues.fitFraction(millis, 6), "more digits than needed");
        Instant nanos = Instant.parse("2024-01-02T10:11:12.123456789Z");
        assertSame(nanos, TemporalValues.fitFraction(nanos, 9));
        assertSame(LocalTime.NOON, TemporalValues.fitFraction(LocalTime.NOON, 0));
    }

    @Test
    void fractionThatWouldBeRoundedIsRefused() {
        assertUnfit("has 3 fractional-second digits, the column keeps 2",
                () -> TemporalValues.fitFraction(LocalTime.of(10, 0, 0, 123_000_000), 2));
        assertUnfit("has 1 fractional-second digits, the column keeps 0",
                () -> TemporalValues.fitFraction(LocalDateTime.of(2024, 1, 2, 10, 0, 0, 500_000_000), 0));
        assertUnfit("has 9 fractional-second digits, the column keeps 6",
                () -> TemporalValues.fitFraction(Instant.parse("2024-01-02T10:11:12.123456789Z"), 6));
    }
}

package dev.bisync.spi.values;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;

import static dev.bisync.spi.values.UnfitAssertions.assertUnfit;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationsTest {

    @Test
    void sqlTimeTextBeyondADayAndNegativeIsASpan() {
        assertEquals(Duration.ofHours(838).plusMinutes(59).plusSeconds(59), Durations.toDuration("838:59:59"));
        assertEquals(Duration.ofSeconds(-1), Durations.toDuration("-00:00:01"));
        assertEquals(Duration.ofHours(12).plusMinutes(34).plusSeconds(56).plusMillis(500),
                Durations.toDuration("12:34:56.5"));
        assertEquals(Duration.ofNanos(1_000), Durations.toDuration("0:00:00.000001"));
    }

    @Test
    void isoTextWithSignedFieldsAsDebeziumAndPostgresWriteIt() {
        assertEquals(Duration.ofDays(3).plusHours(4).plusMinutes(5).plusMillis(6_789),
                Durations.toDuration("P0Y0M3DT4H5M6.789S"));
        assertEquals(Duration.ofDays(-1).plusNanos(1_000), Durations.toDuration("P0Y0M-1DT0H0M0.000001S"));
        assertEquals(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), Durations.toDuration("PT-838H-59M-59S"));
        assertEquals(Duration.ofDays(14), Durations.toDuration("P2W"));
        assertEquals(Duration.ofHours(26), Durations.toDuration(Duration.ofHours(26).toString()));
    }

    @Test
    void timesOfDayAndDurationsAreTakenAsTheyAre() {
        assertEquals(Duration.ofHours(13), Durations.toDuration(LocalTime.of(13, 0)));
        assertEquals(Duration.ofDays(2), Durations.toDuration(Duration.ofDays(2)));
    }

    @Test
    void yearsMonthsAndOtherTextAreRefused() {
        assertUnfit("has years or months, which have no exact length", () -> Durations.toDuration("P0Y1M0DT0H0M0S"));
        assertUnfit("has years or months, which have no exact length", () -> Durations.toDuration("P1Y"));
        assertUnfit("is not a span of time in ISO-8601 or [-]h:mm:ss form", () -> Durations.toDuration("1 day"));
        assertUnfit("is not a span of time in ISO-8601 or [-]h:mm:ss form", () -> Durations.toDuration("P"));
        assertUnfit("a Integer cannot be written as a span of time", () -> Durations.toDuration(5));
    }
}

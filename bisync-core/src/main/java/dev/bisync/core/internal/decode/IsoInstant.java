package dev.bisync.core.internal.decode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Parses Debezium's {@code ZonedTimestamp} text. The connectors write UTC with 0 to 9 fraction digits
 * ({@code 2024-02-29T12:14:15.123456Z}); that shape is read by hand (a {@code DateTimeFormatter} costs about a
 * microsecond per value), anything else through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}.
 */
final class IsoInstant {

    private IsoInstant() {
    }

    /** @throws java.time.format.DateTimeParseException when the text is no ISO-8601 timestamp with offset */
    static Instant parse(String s) {
        int n = s.length();
        if (n >= 20 && s.charAt(n - 1) == 'Z' && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int nanos = fraction(s, 19, n - 1);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60 && nanos >= 0) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
                } catch (DateTimeException e) {
                    // e.g. February 30th: let the formatter report it
                }
            }
        }
        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** The number in s[from, to), or -1 if a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Nanoseconds of an empty or {@code .d{1,9}} fraction in s[from, to), or -1. */
    private static int fraction(String s, int from, int to) {
        if (from == to) {
            return 0;
        }
        int count = to - from - 1;
        if (s.charAt(from) != '.' || count < 1 || count > 9) {
            return -1;
        }
        int v = digits(s, from + 1, to);
        for (int i = count; i < 9 && v >= 0; i++) {
            v *= 10;
        }
        return v;
    }
}

package dev.bisync.core.internal.init;

import dev.bisync.api.JsonText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RowDigestTest {

    private static final List<String> COLUMNS = List.of("id", "price", "at", "flag", "tod", "doc", "data", "note");

    @Test
    void equalMeaningsReadAsDifferentJavaTypesGiveTheSameChecksum() {
        RowDigest maria = new RowDigest();
        maria.add(COLUMNS, new Object[] {1L, new BigDecimal("1.500"), Instant.parse("2024-03-01T10:00:07.123456Z"),
                Boolean.TRUE, LocalTime.of(10, 0), new JsonText("{\"b\": 1, \"a\": [1, 2]}"), new byte[] {1, 2},
                null});
        RowDigest pg = new RowDigest();
        pg.add(COLUMNS, new Object[] {1, new BigDecimal("1.5"),
                OffsetDateTime.of(2024, 3, 1, 12, 0, 7, 123_456_000, ZoneOffset.ofHours(2)), 1,
                Duration.ofHours(10), new JsonText("{\"a\":[1,2],\"b\":1}"), new byte[] {1, 2}, null});
        assertEquals(maria.checksum(), pg.checksum());
        assertEquals(1, pg.rows());
    }

    @Test
    void theChecksumIgnoresRowOrderButSeesEveryValueAndNull() {
        Object[] a = {1L, "x"};
        Object[] b = {2L, "y"};
        List<String> columns = List.of("id", "note");
        RowDigest ab = digest(columns, a, b);
        assertEquals(ab.checksum(), digest(columns, b, a).checksum());
        assertNotEquals(ab.checksum(), digest(columns, a, new Object[] {2L, "z"}).checksum());
        assertNotEquals(ab.checksum(), digest(columns, a, new Object[] {2L, null}).checksum());
        assertNotEquals(digest(columns, new Object[] {2L, ""}).checksum(),
                digest(columns, new Object[] {2L, null}).checksum(), "empty text is not null");
        assertNotEquals(ab.checksum(), digest(columns, a).checksum(), "a missing row");
    }

    private static RowDigest digest(List<String> columns, Object[]... rows) {
        RowDigest d = new RowDigest();
        for (Object[] row : rows) {
            d.add(columns, row);
        }
        return d;
    }
}

package dev.bisync.core.internal.init;

import dev.bisync.api.RowImage;
import dev.bisync.spi.dialect.ColumnMetadata;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentKeyTest {

    @Test
    void everyKeptTypeReadsBackAsTheSameJavaValue() {
        Object[] values = {Long.MIN_VALUE, 42, (short) -7, new BigInteger("18446744073709551615"),
            new BigDecimal("12.500"), new BigDecimal("1E+3"), LocalDate.of(2024, 2, 29), LocalDate.MAX,
            LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 59, 123_456_000),
            Instant.parse("2024-03-01T10:00:07.123456Z"), LocalTime.of(10, 0), LocalTime.of(23, 59, 59, 999_999_000),
            Duration.ofHours(-838).minusSeconds(3599), UUID.fromString("f0000000-0000-0000-8000-000000000001"),
            new byte[] {0, (byte) 0xff, 7}};
        List<ColumnMetadata> columns = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            columns.add(column("k" + i, "any"));
        }
        SegmentKey key = SegmentKey.of(columns, values);

        SegmentKey read = SegmentKey.parse(key.toJson());

        assertEquals(key.columns(), read.columns());
        Object[] back = read.toArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i].getClass(), back[i].getClass(), "k" + i);
            if (values[i] instanceof byte[] bytes) {
                assertArrayEquals(bytes, (byte[]) back[i]);
            } else {
                assertEquals(values[i], back[i], "k" + i); // BigDecimal equals: scale kept too
            }
        }
        assertEquals(key.toJson(), read.toJson());
    }

    @Test
    void theJsonNamesEachColumnItsTypeAndItsValue() {
        SegmentKey key = SegmentKey.of(List.of(column("id", "bigint"), column("line", "int")), new Object[] {120_000L, 3});

        assertEquals("[{\"column\":\"id\",\"type\":\"long\",\"value\":\"120000\"},"
                + "{\"column\":\"line\",\"type\":\"int\",\"value\":\"3\"}]", key.toJson());
    }

    @Test
    void aNullOrUnkeptValueIsRefused() {
        List<ColumnMetadata> id = List.of(column("id", "varchar"));
        assertThrows(NullPointerException.class, () -> SegmentKey.of(id, new Object[] {null}));
        assertThrows(IllegalArgumentException.class, () -> SegmentKey.of(id, new Object[] {"text"}));
        assertThrows(IllegalArgumentException.class, () -> SegmentKey.parse("[{\"column\":\"id\",\"type\":\"string\","
                + "\"value\":\"x\"}]"));
    }

    @Test
    void aChangesKeyIsComparedColumnByColumnInKeyOrderAcrossJavaTypes() {
        SegmentKey bound = SegmentKey.of(List.of(column("a", "bigint"), column("b", "date")),
                new Object[] {10L, LocalDate.of(2024, 1, 10)});

        assertTrue(bound.compareWith(key(Map.of("b", LocalDate.of(2030, 1, 1), "a", 9))) < 0, "first column decides");
        assertTrue(bound.compareWith(key(Map.of("a", 10, "b", LocalDate.of(2024, 1, 9)))) < 0);
        assertEquals(0, bound.compareWith(key(Map.of("a", new BigDecimal("10.0"), "b", LocalDate.of(2024, 1, 10)))));
        assertTrue(bound.compareWith(key(Map.of("a", 10L, "b", LocalDateTime.of(2024, 1, 10, 0, 0, 1)))) > 0);
        assertTrue(bound.compareWith(key(Map.of("a", BigInteger.valueOf(11), "b", LocalDate.MIN))) > 0);
        assertThrows(IllegalArgumentException.class, () -> bound.compareWith(key(Map.of("a", 10L))),
                "a key without a key column cannot be placed");
    }

    static ColumnMetadata column(String name, String type) {
        return new ColumnMetadata(name, Types.OTHER, type, 0, 0, false, List.of());
    }

    static RowImage key(Map<String, Object> values) {
        return RowImage.of(new LinkedHashMap<>(values));
    }
}

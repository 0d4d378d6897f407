package dev.bisync.spi.values;

import dev.bisync.api.JsonText;
import dev.bisync.api.UnrepresentableValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayElementsTest {

    private static List<Object> read(String literal, String type) {
        return ArrayElements.of(ArrayLiterals.parse(literal), type);
    }

    @Test
    void temporalUuidAndJsonElementsReadAsTheirValuesInAnyNumberOfDimensions() {
        assertEquals(List.of(List.of(LocalDate.of(2024, 2, 29), LocalDate.of(1, 1, 1)),
                Arrays.asList(LocalDate.of(9999, 12, 31), null)),
                read("{{2024-02-29,0001-01-01},{9999-12-31,NULL}}", "date"));
        assertEquals(List.of(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000)),
                read("{\"2024-02-29 13:14:15.123456\"}", "timestamp"));
        assertEquals(List.of(List.of(Instant.parse("2026-03-29T00:59:59.999999Z")),
                List.of(Instant.parse("2026-10-25T00:30:00Z"))),
                read("{{\"2026-03-29 01:59:59.999999+01\"},{\"2026-10-25 02:30:00+02\"}}", "timestamptz"));
        assertEquals(List.of(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
                read("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "uuid"));
        assertEquals(List.of(new JsonText("{\"a\": [1, \"x\\\"y\"]}"), new JsonText("null")),
                read("{\"{\\\"a\\\": [1, \\\"x\\\\\\\"y\\\"]}\",null}", "jsonb"));
    }

    @Test
    void numericNaNIsUnrepresentableAndWhatTheMappingCannotReadStaysText() {
        List<Object> numeric = read("{{1.50,NaN},{-Infinity,2}}", "numeric");
        assertEquals(new BigDecimal("1.50"), ((List<?>) numeric.get(0)).get(0));
        assertEquals(UnrepresentableValue.class, ((List<?>) numeric.get(1)).get(0).getClass());
        assertTrue(ArrayElements.holdsUnrepresentable(numeric));
        assertFalse(ArrayElements.holdsUnrepresentable(read("{1,2}", "numeric")));
        assertEquals(List.of("infinity", LocalDate.of(2024, 1, 1)), read("{infinity,2024-01-01}", "date"));
        assertEquals(List.of(Double.NaN, Double.POSITIVE_INFINITY), read("{NaN,Infinity}", "float8"));
        assertEquals(List.of("happy", "a b"), read("{happy,\"a b\"}", "types_mood"));
    }
}

package dev.bisync.core.internal.conflicts;

import dev.bisync.api.JsonText;
import dev.bisync.api.RowImage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RowImageJsonTest {

    @Test
    void valuesComeBackExactOrAsTheTextTheDialectsParse() {
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7L);
        row.put("big", new BigInteger("18446744073709551615"));
        row.put("price", new BigDecimal("10.50"));
        row.put("name", "Zoë 🚀");
        row.put("none", null);
        row.put("flag", true);
        row.put("blob", new byte[] {0, 1, (byte) 0xff});
        row.put("doc", new JsonText("{\"a\": [1, \"ü\"]}"));
        row.put("at", LocalDateTime.of(2026, 3, 29, 2, 30, 0, 123_456_000));
        row.put("tags", List.of("a", "b"));
        row.put("nan", Double.NaN);
        RowImage back = RowImageJson.read(RowImageJson.write(RowImage.wrap(row)));
        assertEquals(7L, back.get("id"));
        assertEquals(new BigInteger("18446744073709551615"), back.get("big"));
        assertEquals(new BigDecimal("10.50"), back.get("price")); // the scale is kept
        assertEquals("Zoë 🚀", back.get("name"));
        assertNull(back.get("none"));
        assertEquals(true, back.get("flag"));
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, (byte[]) back.get("blob"));
        assertEquals(new JsonText("{\"a\": [1, \"ü\"]}"), back.get("doc"));
        assertEquals("2026-03-29T02:30:00.123456", back.get("at"));
        assertEquals(List.of("a", "b"), back.get("tags"));
        assertEquals("NaN", back.get("nan"));
        assertEquals(Arrays.asList(row.keySet().toArray()), List.copyOf(back.values().keySet()));
        assertNull(RowImageJson.read(RowImageJson.write(null)));
    }
}

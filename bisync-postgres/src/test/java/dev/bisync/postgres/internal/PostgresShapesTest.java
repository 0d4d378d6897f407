package dev.bisync.postgres.internal;

import dev.bisync.api.JsonText;
import dev.bisync.spi.values.UnfitValueException;
import dev.bisync.spi.values.WkbPoints;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostgresShapesTest {

    @Test
    void hstoreTravelsAsAJsonObjectOfStrings() {
        String text = "\"a\"=>\"1\", \"b\"=>NULL, \"q \\\"x\\\"\"=>\"back\\\\slash\"";
        JsonText json = PostgresShapes.hstoreJson(text);
        assertEquals("{\"a\":\"1\",\"b\":null,\"q \\\"x\\\"\":\"back\\\\slash\"}", json.text());
        assertEquals(text, PostgresShapes.hstoreText(json), "back to hstore's input form");
        assertEquals(new JsonText("{}"), PostgresShapes.hstoreJson(""));
        assertEquals("a=>1", PostgresShapes.hstoreText("a=>1"), "hstore text is passed on as it is");
        assertThrows(UnfitValueException.class, () -> PostgresShapes.hstoreText(new JsonText("{\"a\": 1}")));
    }

    @Test
    void pointsTravelAsWkb() {
        byte[] wkb = PostgresShapes.pointWkb("(1.5,-2.25)");
        assertArrayEquals(WkbPoints.wkb(1.5, -2.25), wkb);
        assertEquals("(1.5,-2.25)", PostgresShapes.pointText(wkb));
    }
}

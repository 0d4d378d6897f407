package dev.bisync.spi.values;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.bisync.spi.values.UnfitAssertions.assertUnfit;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonValuesTest {

    @Test
    void listsBecomeJsonArraysWithEscapedText() {
        assertEquals("[1,null,2.50,true,\"a \\\"b\\\" \\\\ c\\n\",[\"2024-01-02\"],\"\\\\x00ff\"]",
                JsonValues.arrayText(Arrays.asList(1, null, new BigDecimal("2.50"), true, "a \"b\" \\ c\n",
                        List.of(LocalDate.of(2024, 1, 2)), new byte[] {0, (byte) 0xff})));
        assertEquals("[]", JsonValues.arrayText(List.of()));
    }

    @Test
    void floatsThatAreNotFiniteAndUnrepresentableElementsAreRefusedNotWrittenAsText() {
        assertUnfit("holds NaN, which no JSON number holds", () -> JsonValues.arrayText(List.of(1.5, Double.NaN)));
        assertUnfit("holds -Infinity, which no JSON number holds",
                () -> JsonValues.arrayText(List.of(List.of(Float.NEGATIVE_INFINITY))));
        assertUnfit("holds Infinity, which no JSON number holds", () -> JsonValues.arrayText(List.of(
                new dev.bisync.api.UnrepresentableValue("Infinity", "is a numeric Infinity"))));
        assertEquals("[" + new BigDecimal("3.4028235E+38").toPlainString() + "," + new BigDecimal(
                "1.7976931348623157E+308").toPlainString() + "]", JsonValues.arrayText(List.of(Float.MAX_VALUE,
                Double.MAX_VALUE)), "the largest floats as their shortest decimals, written out");
    }

    @Test
    void jsonArraysReadBackAsTheirElements() {
        assertEquals(Arrays.asList(new BigDecimal("1"), null, new BigDecimal("2.50"), true, "a \"b\" \\ c\n",
                List.of("2024-01-02")), JsonValues.parseArray(
                        " [1, null, 2.50, true, \"a \\\"b\\\" \\\\ c\\n\", [\"2024-01-02\"]] "));
        assertEquals(List.of("é"), JsonValues.parseArray("[\"\\u00e9\"]"));
        assertEquals(List.of(), JsonValues.parseArray("[]"));
    }

    @Test
    void notAnArrayOrAnArrayOfObjectsIsRefused() {
        assertUnfit("is not a JSON array ('[' expected at 0)", () -> JsonValues.parseArray("{}"));
        assertUnfit("holds a JSON object where a scalar or array was expected",
                () -> JsonValues.parseArray("[{\"a\": 1}]"));
        assertUnfit("is not a single JSON value (text after its end)", () -> JsonValues.parseArray("[1] 2"));
        assertUnfit("is not a JSON array (it ends early)", () -> JsonValues.parseArray("[1,"));
    }

    @Test
    void flatObjectsOfStringsReadAsMaps() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "1");
        expected.put("b", null);
        assertEquals(expected, JsonValues.parseTextObject("{\"a\": \"1\", \"b\": null}"));
        assertEquals(Map.of(), JsonValues.parseTextObject("{}"));
        assertUnfit("is not a JSON object of strings (the value of 'a')",
                () -> JsonValues.parseTextObject("{\"a\": 1}"));
    }
}

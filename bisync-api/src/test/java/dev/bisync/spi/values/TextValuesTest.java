package dev.bisync.spi.values;

import dev.bisync.api.JsonText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static dev.bisync.spi.values.UnfitAssertions.assertUnfit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextValuesTest {

    @Test
    void valuesBecomeTheirTextWithoutExponent() {
        assertEquals("1000", TextValues.text(new BigDecimal("1E+3")));
        assertEquals("{\"a\": 1}", TextValues.text(new JsonText("{\"a\": 1}")));
        assertEquals("2024-01-02", TextValues.text(LocalDate.of(2024, 1, 2)));
        assertEquals("00000000-0000-0001-0000-000000000002", TextValues.text(new UUID(1, 2)));
        assertUnfit("a byte[] cannot be written as text", () -> TextValues.text(new byte[] {1}));
        assertThrows(UnfitValueException.class, () -> TextValues.text(List.of("a")));
    }

    @Test
    void textLongerThanTheColumnIsRefusedNotTruncated() {
        assertSame("abc", TextValues.fitLength("abc", 3));
        assertUnfit("has 4 characters, the column holds 3", () -> TextValues.fitLength("abcd", 3));
        assertEquals("abcd", TextValues.fitLength("abcd", 0), "0 is unlimited");
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        String twoEmoji = "\uD83D\uDE00\uD83D\uDE01";
        assertSame(twoEmoji, TextValues.fitLength(twoEmoji, 2));
        assertUnfit("has 3 characters, the column holds 2", () -> TextValues.fitLength(twoEmoji + "x", 2));
    }

    @Test
    void onlyTrailingSpacesArePadding() {
        assertEquals("ab", TextValues.withoutTrailingSpaces("ab   "));
        assertEquals(" ab\t", TextValues.withoutTrailingSpaces(" ab\t "));
        assertEquals("", TextValues.withoutTrailingSpaces("   "));
    }
}

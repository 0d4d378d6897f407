package dev.bisync.connect;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NumericTextConverterTest {

    @Test
    void specialValuesKeepTheirNameAndDecimalsTheirExactDigits() {
        assertEquals("NaN", NumericTextConverter.text("NAN"));
        assertEquals("Infinity", NumericTextConverter.text("POSITIVE_INFINITY"));
        assertEquals("-Infinity", NumericTextConverter.text("NEGATIVE_INFINITY"));
        assertEquals("NaN", NumericTextConverter.text("NaN"));
        assertEquals("-Infinity", NumericTextConverter.text("-Infinity"));
        assertEquals("1.500", NumericTextConverter.text(new BigDecimal("1.500")));
        assertEquals("10000000000000000000000000000000000000000", NumericTextConverter.text(new BigDecimal("1E+40")));
        assertEquals("-0.000001", NumericTextConverter.text("-0.000001"));
        assertNull(NumericTextConverter.text(null));
    }
}

package dev.bisync.spi.values;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static dev.bisync.spi.values.UnfitAssertions.assertUnfit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ExactNumbersTest {

    @Test
    void decimalTakesTheColumnScaleWhenNoDigitIsLost() {
        assertEquals(new BigDecimal("12.50"), ExactNumbers.fitDecimal(new BigDecimal("12.5"), 4, 2));
        assertEquals(new BigDecimal("12.50"), ExactNumbers.fitDecimal(new BigDecimal("12.50000"), 4, 2));
        assertEquals(new BigDecimal("0.00"), ExactNumbers.fitDecimal(new BigDecimal("0E-7"), 3, 2));
        assertEquals(new BigDecimal("-99"), ExactNumbers.fitDecimal(new BigDecimal("-99.0"), 2, 0));
    }

    @Test
    void decimalThatWouldBeRoundedOrClippedIsRefused() {
        assertUnfit("has 3 fractional digits, the column keeps 2",
                () -> ExactNumbers.fitDecimal(new BigDecimal("12.345"), 5, 2));
        assertUnfit("has 4 integer digits, the column keeps 3",
                () -> ExactNumbers.fitDecimal(new BigDecimal("1234.5"), 5, 2));
        assertUnfit("has 1 integer digits, the column keeps 0",
                () -> ExactNumbers.fitDecimal(new BigDecimal("1.5"), 2, 2));
    }

    @Test
    void unconstrainedNumericKeepsTheValueAsGiven() {
        BigDecimal value = new BigDecimal("123456789.123456789000");
        assertSame(value, ExactNumbers.fitDecimal(value, 0, 0));
    }

    @Test
    void decimalIsReadExactlyFromNumbersAndText() {
        assertEquals(new BigDecimal("0.1"), ExactNumbers.toBigDecimal(0.1d));
        assertEquals(new BigDecimal("0.1"), ExactNumbers.toBigDecimal(0.1f), "a float by its shortest form");
        assertEquals(new BigDecimal("12.30"), ExactNumbers.toBigDecimal(" 12.30 "));
        assertEquals(new BigDecimal("18446744073709551615"),
                ExactNumbers.toBigDecimal(new BigInteger("18446744073709551615")));
        assertEquals(BigDecimal.valueOf(7), ExactNumbers.toBigDecimal((short) 7));
        assertUnfit("is not a number", () -> ExactNumbers.toBigDecimal("12,3"));
        assertUnfit("is not a finite number", () -> ExactNumbers.toBigDecimal(Double.NaN));
        assertUnfit("a Boolean cannot be written as a number", () -> ExactNumbers.toBigDecimal(true));
    }

    @Test
    void decimalOrNullIsNullForAnythingButAFiniteNumber() {
        assertEquals(new BigDecimal("2.5"), ExactNumbers.decimalOrNull(2.5f));
        assertNull(ExactNumbers.decimalOrNull("1"));
        assertNull(ExactNumbers.decimalOrNull(true));
        assertNull(ExactNumbers.decimalOrNull(Double.POSITIVE_INFINITY));
        assertNull(ExactNumbers.decimalOrNull(null));
    }

    @Test
    void integerMustBeWholeAndInTheColumnRange() {
        assertEquals(127, ExactNumbers.toLong(127, -128, 127));
        assertEquals(-128, ExactNumbers.toLong("-128", -128, 127));
        assertEquals(5, ExactNumbers.toLong(new BigDecimal("5.000"), -128, 127));
        assertEquals(1, ExactNumbers.toLong(true, 0, 1));
        assertUnfit("is out of the column's range -128..127", () -> ExactNumbers.toLong(128L, -128, 127));
        assertUnfit("is out of the column's range 0..255", () -> ExactNumbers.toLong(-1, 0, 255));
        assertUnfit("is out of the column's range " + Long.MIN_VALUE + ".." + Long.MAX_VALUE,
                () -> ExactNumbers.toLong(new BigInteger("9223372036854775808"), Long.MIN_VALUE, Long.MAX_VALUE));
        assertUnfit("is not a whole number", () -> ExactNumbers.toLong(2.5d, 0, 10));
        assertUnfit("a LocalDate cannot be written as a number",
                () -> ExactNumbers.toLong(java.time.LocalDate.EPOCH, 0, 10));
    }

    @Test
    void bigIntegerHoldsAnUnsignedBigint() {
        assertEquals(new BigInteger("18446744073709551615"), ExactNumbers.toBigInteger("18446744073709551615"));
        assertEquals(BigInteger.ZERO, ExactNumbers.toBigInteger(false));
        assertUnfit("is not a whole number", () -> ExactNumbers.toBigInteger("1.01"));
    }

    @Test
    void floatingPointMustHoldTheValueExactly() {
        assertEquals(0.1d, ExactNumbers.toDouble(new BigDecimal("0.1")));
        assertEquals(0.1d, ExactNumbers.toDouble(0.1f), "a float by its shortest form, not 0.100000001490116");
        assertEquals(0.1f, ExactNumbers.toFloat(0.1d));
        assertEquals(Double.NEGATIVE_INFINITY, ExactNumbers.toDouble(" -Infinity"));
        assertEquals(Float.NaN, ExactNumbers.toFloat("NaN"));
        assertUnfit("has more digits than a double precision number holds",
                () -> ExactNumbers.toDouble(new BigDecimal("0.12345678901234567890")));
        assertUnfit("has more digits than a double precision number holds", () -> ExactNumbers.toDouble("1e400"));
        assertUnfit("has more digits than a single precision number holds", () -> ExactNumbers.toFloat(0.123456789d));
    }
}

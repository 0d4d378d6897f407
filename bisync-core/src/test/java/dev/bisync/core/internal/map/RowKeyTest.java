package dev.bisync.core.internal.map;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RowKeyTest {

    @Test
    void sameKeyFromDifferentJavaTypesIsEqual() {
        assertEquals(RowKey.of(new Object[] {7, "a"}), RowKey.of(new Object[] {7L, "a"}));
        assertEquals(RowKey.of(new Object[] {new BigDecimal("7.00")}), RowKey.of(new Object[] {(short) 7}));
        assertEquals(RowKey.of(new Object[] {BigInteger.valueOf(5)}), RowKey.of(new Object[] {5}));
        assertEquals(RowKey.of(new Object[] {new byte[] {1, 2}}), RowKey.of(new Object[] {new byte[] {1, 2}}));
        assertEquals(RowKey.of(new Object[] {new BigDecimal("1.50")}).hashCode(),
                RowKey.of(new Object[] {new BigDecimal("1.5")}).hashCode());
    }

    @Test
    void differentKeysDiffer() {
        assertNotEquals(RowKey.of(new Object[] {7, "a"}), RowKey.of(new Object[] {7, "b"}));
        assertNotEquals(RowKey.of(new Object[] {new BigInteger("18446744073709551615")}),
                RowKey.of(new Object[] {-1L}));
    }
}

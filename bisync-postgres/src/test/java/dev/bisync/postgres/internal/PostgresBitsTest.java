package dev.bisync.postgres.internal;

import dev.bisync.spi.values.UnfitValueException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostgresBitsTest {

    @Test
    void bitStringsAreBigEndianNumbers() {
        assertEquals("1011000001", PostgresBits.text(new byte[] {0x02, (byte) 0xc1}, 10, "bit"));
        assertEquals("0000000001", PostgresBits.text(new byte[] {0, 1}, 10, "bit"), "bit(n) is padded to n");
        assertEquals("101", PostgresBits.text(new byte[] {0, 5}, 16, "varbit"), "varbit keeps no leading zeros");
        assertEquals("1", PostgresBits.text(true, 1, "bit"));
        assertEquals("0000000101", PostgresBits.text(5L, 10, "bit"));
        assertArrayEquals(new byte[] {0x02, (byte) 0xc1}, (byte[]) PostgresBits.value("1011000001", 10, "bit"));
        assertArrayEquals(new byte[] {0, 5}, (byte[]) PostgresBits.value("101", 16, "varbit"),
                "as many bytes as the column's size needs");
        assertEquals(Boolean.TRUE, PostgresBits.value("1", 1, "bit"));
    }

    @Test
    void moreBitsThanTheColumnHoldsAreRefused() {
        assertThrows(UnfitValueException.class, () -> PostgresBits.text(new byte[] {0x04, 0}, 10, "bit"));
        assertThrows(UnfitValueException.class, () -> PostgresBits.text(-1L, 10, "bit"));
    }
}

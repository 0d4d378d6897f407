package dev.bisync.spi.values;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static dev.bisync.spi.values.UnfitAssertions.assertUnfit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class WkbPointsTest {

    @Test
    void pointsRoundTripThroughLittleEndianWkb() {
        byte[] wkb = WkbPoints.wkb(1.5, -2.25);
        assertArrayEquals(Base64.getDecoder().decode("AQEAAAAAAAAAAAD4PwAAAAAAAALA"), wkb, "as Debezium sends it");
        assertArrayEquals(new double[] {1.5, -2.25}, WkbPoints.xy(wkb));
    }

    @Test
    void bigEndianWkbIsReadToo() {
        byte[] wkb = HexFormat.of().parseHex("00000000013ff8000000000000c002000000000000");
        assertArrayEquals(new double[] {1.5, -2.25}, WkbPoints.xy(wkb));
    }

    @Test
    void otherGeometriesAndOtherValuesAreRefused() {
        byte[] line = HexFormat.of().parseHex("010200000002000000000000000000000000000000");
        assertUnfit("is WKB of a geometry other than a point", () -> WkbPoints.xy(line));
        assertUnfit("is not the WKB of a 2D point", () -> WkbPoints.xy(new byte[] {1, 1}));
        assertUnfit("a String cannot be written as a point (WKB bytes)", () -> WkbPoints.xy("(1,2)"));
    }
}

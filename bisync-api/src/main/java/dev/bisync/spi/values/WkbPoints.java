package dev.bisync.spi.values;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Two-dimensional points in WKB (well-known binary), the form bisync carries geometry in: for databases whose point
 * type is not WKB (PostgreSQL's {@code point}, Debezium's Point struct without {@code wkb}). Stateless and
 * thread-safe.
 */
public final class WkbPoints {

    private static final int POINT = 1;
    private static final int LENGTH = 21;

    private WkbPoints() {
    }

    /** The little-endian WKB of a point: byte order 1, type 1, x, y. */
    public static byte[] wkb(double x, double y) {
        return ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).putInt(POINT).putDouble(x)
                .putDouble(y).array();
    }

    /**
     * The coordinates of a WKB point.
     *
     * @param value WKB bytes of a 2D point, in either byte order
     * @return {x, y}
     * @throws UnfitValueException when the value is not the WKB of a 2D point
     */
    public static double[] xy(Object value) {
        if (!(value instanceof byte[] wkb)) {
            throw UnfitValueException.wrongType(value, "a point (WKB bytes)");
        }
        if (wkb.length != LENGTH || (wkb[0] != 0 && wkb[0] != 1)) {
            throw new UnfitValueException("is not the WKB of a 2D point");
        }
        ByteBuffer b = ByteBuffer.wrap(wkb).order(wkb[0] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        if (b.getInt(1) != POINT) {
            throw new UnfitValueException("is WKB of a geometry other than a point");
        }
        return new double[] {b.getDouble(5), b.getDouble(13)};
    }
}

package dev.bisync.mysql.internal;

import dev.bisync.spi.values.UnfitValueException;

import java.util.Arrays;

/**
 * MySQL/MariaDB spatial values in their internal storage form, a 4-byte little-endian SRID followed by the WKB.
 * bisync carries geometry as WKB (Debezium's {@code wkb} field), so the SRID written is 0 and the SRID read is
 * dropped.
 */
final class MySqlGeometry {

    private static final int SRID_BYTES = 4;
    /** The smallest WKB: byte order and a 4-byte type, e.g. of an empty collection. */
    private static final int MIN_WKB = 5;

    private MySqlGeometry() {
    }

    /** The internal form (SRID 0) of WKB bytes. */
    static byte[] internal(Object value) {
        if (!(value instanceof byte[] wkb)) {
            throw UnfitValueException.wrongType(value, "geometry (WKB bytes)");
        }
        if (wkb.length < MIN_WKB || (wkb[0] != 0 && wkb[0] != 1)) {
            throw new UnfitValueException("is not WKB (well-known binary geometry)");
        }
        byte[] internal = new byte[SRID_BYTES + wkb.length];
        System.arraycopy(wkb, 0, internal, SRID_BYTES, wkb.length);
        return internal;
    }

    /** The WKB of a value in internal form, or null. */
    static byte[] wkb(byte[] internal) {
        return internal == null || internal.length < SRID_BYTES ? internal
                : Arrays.copyOfRange(internal, SRID_BYTES, internal.length);
    }
}

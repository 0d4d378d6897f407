package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Decodes Debezium's spatial structs, {@code io.debezium.data.geometry.Geometry}, {@code Geography} and
 * {@code Point} ({@code {wkb, srid}}, a Point also {@code x} and {@code y}), to their WKB bytes.
 */
final class GeometryDecoder {

    private GeometryDecoder() {
    }

    /**
     * {@code io.debezium.data.geometry.Geometry}, {@code Geography} and {@code Point}: the {@code wkb} field's bytes;
     * a Point without {@code wkb} is encoded from its {@code x} and {@code y}.
     */
    static final ValueDecoder WKB = p -> {
        Mismatch.expect(p, JsonToken.START_OBJECT, "a geometry struct {wkb, srid}");
        byte[] wkb = null;
        Double x = null;
        Double y = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "wkb" -> {
                    Mismatch.expect(p, JsonToken.VALUE_STRING, "base64 WKB");
                    wkb = p.getBinaryValue();
                }
                case "x" -> x = (Double) NumberDecoders.DOUBLE.decode(p);
                case "y" -> y = (Double) NumberDecoders.DOUBLE.decode(p);
                default -> p.skipChildren();
            }
        }
        if (wkb != null) {
            return wkb;
        }
        if (x != null && y != null) {
            return pointWkb(x, y);
        }
        throw new UndecodableRecordException("geometry struct without wkb");
    };

    /** Little-endian WKB of a 2D point: byte order 1, type 1, x, y. */
    private static byte[] pointWkb(double x, double y) {
        byte[] b = new byte[21];
        b[0] = 1;
        b[1] = 1;
        putLittleEndian(b, 5, Double.doubleToLongBits(x));
        putLittleEndian(b, 13, Double.doubleToLongBits(y));
        return b;
    }

    private static void putLittleEndian(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}

package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonToken;
import dev.bisync.spi.values.WkbPoints;

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
            return WkbPoints.wkb(x, y);
        }
        throw new UndecodableRecordException("geometry struct without wkb");
    };
}

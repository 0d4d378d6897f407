package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.bisync.api.UnrepresentableValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Decoders for numbers: Connect's integer and floating-point types, {@code org.apache.kafka.connect.data.Decimal}
 * (an unscaled big-endian two's-complement integer in base64 with the scale in the schema) and Debezium's
 * {@code io.debezium.data.VariableScaleDecimal} (a struct of {@code scale} and {@code value}).
 */
final class NumberDecoders {

    /** int8, int16 and int32 all decode to Integer, so that a dialect binds one type for every small integer. */
    static final ValueDecoder INT = p -> {
        Mismatch.expect(p, JsonToken.VALUE_NUMBER_INT, "an integer");
        try {
            return p.getIntValue();
        } catch (InputCoercionException e) {
            throw Mismatch.invalid(p, "integer out of range");
        }
    };

    static final ValueDecoder LONG = p -> {
        Mismatch.expect(p, JsonToken.VALUE_NUMBER_INT, "an integer");
        try {
            return p.getLongValue();
        } catch (InputCoercionException e) {
            throw Mismatch.invalid(p, "integer out of range");
        }
    };

    /**
     * An int64 that holds a MySQL/MariaDB BIGINT UNSIGNED ({@code bigint.unsigned.handling.mode=long}, known from
     * {@code column.propagate.source.type}): the connector wraps values above 2^63-1 to negatives; undone here.
     */
    static final ValueDecoder UNSIGNED_LONG = p -> {
        long v = (Long) LONG.decode(p);
        return v >= 0 ? BigInteger.valueOf(v) : BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64));
    };

    static final ValueDecoder FLOAT = p -> {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getFloatValue();
        }
        return (float) special(p);
    };

    static final ValueDecoder DOUBLE = p -> {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        return special(p);
    };

    static final ValueDecoder VARIABLE_SCALE_DECIMAL = p -> {
        Mismatch.expect(p, JsonToken.START_OBJECT, "a VariableScaleDecimal struct {scale, value}");
        Integer scale = null;
        byte[] unscaled = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("scale".equals(field)) {
                scale = (Integer) INT.decode(p);
            } else if ("value".equals(field)) {
                Mismatch.expect(p, JsonToken.VALUE_STRING, "the base64 bytes of the unscaled value");
                unscaled = p.getBinaryValue();
            } else {
                p.skipChildren();
            }
        }
        if (scale == null || unscaled == null || unscaled.length == 0) {
            throw new UndecodableRecordException("VariableScaleDecimal without scale or value");
        }
        return new BigDecimal(new BigInteger(unscaled), scale);
    };

    /**
     * A MySQL/MariaDB YEAR ({@code io.debezium.time.Year}). Debezium's binlog reader adds 1900 to the stored byte, so
     * YEAR 0000 (stored as 0) arrives as 1900 — a year no YEAR column holds (1901 to 2155, and 0000): read as 0.
     */
    static final ValueDecoder YEAR = p -> {
        int year = (Integer) INT.decode(p);
        return year == 1900 ? 0 : year;
    };

    /**
     * A PostgreSQL numeric as exact text (bisync's {@code dev.bisync.connect.NumericTextConverter}, schema name
     * {@code dev.bisync.NumericText}): a BigDecimal with the text's scale; {@code NaN} and {@code ±Infinity}, which no
     * decimal holds, as an {@link UnrepresentableValue} that the target refuses with the reason.
     */
    static final ValueDecoder NUMERIC_TEXT = p -> {
        Mismatch.expect(p, JsonToken.VALUE_STRING, "a numeric's text");
        String text = p.getText();
        return switch (text) {
            case "NaN", "Infinity", "-Infinity" -> new UnrepresentableValue(text, "is a numeric " + text
                    + ", which no decimal holds (nor any MySQL/MariaDB number column)");
            default -> {
                try {
                    yield new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw Mismatch.invalid(p, "not a numeric");
                }
            }
        };
    };

    private NumberDecoders() {
    }

    /** A Decimal with the schema's scale; as BigInteger when the source column is a BIGINT UNSIGNED. */
    static ValueDecoder decimal(int scale, boolean unsignedBigint) {
        return p -> {
            Mismatch.expect(p, JsonToken.VALUE_STRING, "the base64 bytes of a Decimal");
            byte[] unscaled = p.getBinaryValue();
            if (unscaled.length == 0) {
                throw Mismatch.invalid(p, "empty Decimal");
            }
            BigInteger n = new BigInteger(unscaled);
            return unsignedBigint && scale == 0 ? n : new BigDecimal(n, scale);
        };
    }

    /** NaN and the infinities, which Kafka's JsonConverter writes as strings. */
    private static double special(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw Mismatch.of(p, "a number");
    }
}

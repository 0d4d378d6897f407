package dev.bisync.core.internal.map;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A target row's primary-key values in a form where equal keys are equal objects, whatever Java type each side
 * delivered them in ({@code Integer 7} from one database equals {@code Long 7} from the other).
 */
public record RowKey(List<Object> parts) {

    /** The key of these values, in key order. */
    public static RowKey of(Object[] values) {
        Object[] parts = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            parts[i] = normalise(values[i]);
        }
        return new RowKey(Arrays.asList(parts));
    }

    private static Object normalise(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger i) {
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        if (v instanceof BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            if (s.scale() <= 0 && s.precision() - s.scale() < 19) {
                return s.longValueExact();
            }
            return s;
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return v;
    }

    @Override
    public String toString() {
        return parts.size() == 1 ? String.valueOf(parts.get(0)) : parts.toString();
    }
}

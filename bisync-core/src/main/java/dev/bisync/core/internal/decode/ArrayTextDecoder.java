package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonToken;
import dev.bisync.spi.values.ArrayElements;
import dev.bisync.spi.values.ArrayLiterals;


/**
 * A PostgreSQL array as its literal text (bisync's {@code dev.bisync.connect.ArrayTextConverter}, schema name
 * {@code dev.bisync.ArrayText}, element type in the parameter {@code element}): nested lists for a
 * multi-dimensional array, each element as the PostgreSQL dialect reads it ({@link ArrayElements}: Integer for int4,
 * LocalDate for date, Instant for timestamptz, JsonText for jsonb ..., the text for other types). An array holding a
 * numeric {@code NaN} or {@code ±Infinity} is an {@link UnrepresentableValue} as a whole.
 */
final class ArrayTextDecoder {

    private ArrayTextDecoder() {
    }

    static ValueDecoder of(String element) {
        return p -> {
            Mismatch.expect(p, JsonToken.VALUE_STRING, "an array's text");
            String text = p.getText();
            try {
                return ArrayElements.valueOf(ArrayLiterals.parse(text), element, text);
            } catch (RuntimeException e) {
                throw Mismatch.invalid(p, "not an array literal of " + element);
            }
        };
    }
}

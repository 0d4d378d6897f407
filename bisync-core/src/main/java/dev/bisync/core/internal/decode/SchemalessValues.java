package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bisync.api.JsonText;

import java.io.IOException;
import java.util.LinkedHashMap;

/**
 * Decodes rows of records written without schema ({@code value.converter.schemas.enable=false}), where only the
 * JSON kind of a value is known: integers become Long (BigInteger beyond its range), other numbers BigDecimal,
 * strings String, booleans Boolean, objects and arrays {@link JsonText} of their JSON. The target dialect converts
 * them by the target column's type. The connector's unavailable-value placeholder leaves the column out.
 */
final class SchemalessValues {

    private final UnavailablePlaceholder placeholder;

    SchemalessValues(UnavailablePlaceholder placeholder) {
        this.placeholder = placeholder;
    }

    /** Decodes the object at the parser's current {@code START_OBJECT}, leaving the parser on its end. */
    LinkedHashMap<String, Object> row(JsonParser p, String image) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new UndecodableRecordException(image + ": " + Mismatch.of(p, "an object").getMessage());
        }
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            Object value = value(p);
            if (value != ValueDecoder.UNAVAILABLE) {
                row.put(name, value);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new UndecodableRecordException(image + ": " + Mismatch.of(p, "a field name").getMessage());
        }
        return row;
    }

    private Object value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                String s = p.getText();
                return placeholder.isSchemalessText(s) ? ValueDecoder.UNAVAILABLE : s;
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case START_ARRAY:
                String array = StructuredDecoders.copy(p);
                return placeholder.isSchemalessArray(array) ? ValueDecoder.UNAVAILABLE : new JsonText(array);
            case START_OBJECT:
                return new JsonText(StructuredDecoders.copy(p));
            default:
                throw Mismatch.of(p, "a value");
        }
    }
}

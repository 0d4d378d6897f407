package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.DateTimeException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a row (a Connect struct: the {@code before}/{@code after} image or the key) with the column decoders
 * compiled from its schema. Columns arrive in schema order, so each name is first compared with the expected one
 * (the names are interned like Jackson's, so that is usually an identity check) before a map lookup.
 */
final class RowDecoder {

    /** One column of the struct: its name and how to decode its value. */
    record Column(String name, ValueDecoder decoder) {
    }

    private final String[] names;
    private final ValueDecoder[] decoders;
    private final Map<String, Integer> index = new HashMap<>();
    private final int capacity;

    RowDecoder(List<Column> columns) {
        names = new String[columns.size()];
        decoders = new ValueDecoder[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = columns.get(i).name().intern();
            decoders[i] = columns.get(i).decoder();
            index.put(names[i], i);
        }
        capacity = (int) (names.length / 0.75f) + 1;
    }

    /**
     * Decodes the object at the parser's current {@code START_OBJECT}, leaving the parser on its {@code END_OBJECT}.
     *
     * @param image what the object is ({@code after}, {@code key} ...), for error messages
     */
    LinkedHashMap<String, Object> decode(JsonParser p, String image) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new UndecodableRecordException(image + ": " + Mismatch.of(p, "an object").getMessage());
        }
        LinkedHashMap<String, Object> row = new LinkedHashMap<>(capacity);
        int next = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int i;
            if (next < names.length && names[next].equals(name)) {
                i = next;
            } else {
                Integer found = index.get(name);
                if (found == null) {
                    throw new UndecodableRecordException(image + "." + name + " is not in the record's schema");
                }
                i = found;
            }
            next = i + 1;
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                row.put(names[i], null);
                continue;
            }
            Object value;
            try {
                value = decoders[i].decode(p);
            } catch (UndecodableRecordException e) {
                throw new UndecodableRecordException(image + "." + names[i] + ": " + e.getMessage(), e);
            } catch (JsonProcessingException e) {
                throw new UndecodableRecordException(image + "." + names[i] + ": " + e.getOriginalMessage(), e);
            } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
                throw new UndecodableRecordException(image + "." + names[i] + ": " + e, e);
            }
            if (value != ValueDecoder.UNAVAILABLE) {
                row.put(names[i], value);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new UndecodableRecordException(image + ": " + Mismatch.of(p, "a field name").getMessage());
        }
        return row;
    }
}

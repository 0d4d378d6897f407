package dev.bisync.core.it;

import java.util.Arrays;
import java.util.List;

/**
 * A column of {@link BulkLoadIT}'s tables: its SQL type and the canonical values written into it, row after row
 * (row {@code i} gets value {@code i % values.size()}; a value may be null).
 *
 * @param name   the column name
 * @param type   its SQL type
 * @param values canonical values, as the lanes hand them to {@code Dialect.bind}
 */
record BulkColumn(String name, String type, List<Object> values) {

    static BulkColumn of(String name, String type, Object... values) {
        return new BulkColumn(name, type, Arrays.asList(values));
    }

    /** The value of row {@code row}. */
    Object value(int row) {
        return values.get(row % values.size());
    }

    /** Text no bulk format may mangle: its separators, escapes and NULL marks, quotes, non-ASCII, empty. */
    static final List<Object> HOSTILE_TEXT = List.of("plain", "", "tab\there", "line\nbreak", "cr\rlf\r\n",
            "back\\slash", "\\N", "\\", "\\.", "ends with \\", "\\t not a tab", "\"double\" 'single'",
            "comma,semi;colon", "é ü ß 中文 😀 \u200b", " padded ", "ctrl \u0001\u0008\u000b\u000c\u001a\u007f", "NULL");
}

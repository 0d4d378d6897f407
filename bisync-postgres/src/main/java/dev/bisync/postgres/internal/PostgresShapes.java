package dev.bisync.postgres.internal;

import dev.bisync.api.JsonText;
import dev.bisync.spi.values.JsonValues;
import dev.bisync.spi.values.TextValues;
import dev.bisync.spi.values.UnfitValueException;
import dev.bisync.spi.values.WkbPoints;

import java.util.List;
import java.util.Map;

/**
 * PostgreSQL types whose canonical value has another shape than their text: {@code point} (canonical: WKB bytes, as
 * Debezium's Point carries it) and {@code hstore} (canonical: a JSON object of strings, as Debezium's
 * {@code hstore.handling.mode=json} carries it).
 */
final class PostgresShapes {

    private PostgresShapes() {
    }

    /** The input text of a point: {@code (x,y)} from WKB; text as it is. */
    static String pointText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        double[] xy = WkbPoints.xy(value);
        return "(" + xy[0] + "," + xy[1] + ")";
    }

    /** The WKB of a point's text form {@code (x,y)}. */
    static byte[] pointWkb(String text) {
        String inner = text.trim().replaceAll("^\\(|\\)$", "");
        int comma = inner.indexOf(',');
        return WkbPoints.wkb(Double.parseDouble(inner.substring(0, comma)),
                Double.parseDouble(inner.substring(comma + 1)));
    }

    /** The input text of an hstore: {@code "k"=>"v", "k2"=>NULL} from a JSON object of strings; other text as is. */
    static String hstoreText(Object value) {
        String text = TextValues.text(value);
        if (!(value instanceof JsonText) && !text.trim().startsWith("{")) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : JsonValues.parseTextObject(text).entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(quoted(e.getKey())).append("=>").append(e.getValue() == null ? "NULL" : quoted(e.getValue()));
        }
        return sb.toString();
    }

    /** The JSON object of an hstore's text form. */
    static JsonText hstoreJson(String text) {
        StringBuilder json = new StringBuilder("{");
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            StringBuilder key = new StringBuilder();
            i = unquote(text, i, key);
            i = text.indexOf("=>", i) + 2;
            if (json.length() > 1) {
                json.append(',');
            }
            if (text.startsWith("NULL", i)) {
                json.append(jsonString(key.toString())).append(":null");
                i += 4;
            } else {
                StringBuilder v = new StringBuilder();
                i = unquote(text, i, v);
                json.append(jsonString(key.toString())).append(':').append(jsonString(v.toString()));
            }
        }
        return new JsonText(json.append('}').toString());
    }

    private static String jsonString(String text) {
        String array = JsonValues.arrayText(List.of(text));
        return array.substring(1, array.length() - 1);
    }

    /** Reads the double-quoted text at {@code i} into {@code out}; returns the index after its closing quote. */
    private static int unquote(String text, int i, StringBuilder out) {
        if (text.charAt(i) != '"') {
            throw new UnfitValueException("is not hstore text");
        }
        for (i++; text.charAt(i) != '"'; i++) {
            if (text.charAt(i) == '\\') {
                i++;
            }
            out.append(text.charAt(i));
        }
        return i + 1;
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

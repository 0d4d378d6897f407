package dev.bisync.core.internal.conflicts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bisync.api.JsonText;
import dev.bisync.api.RowImage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row images as JSON text, readable by a person and read back into values every dialect binds: numbers stay exact
 * (a decimal keeps its scale), text stays text, temporal values, UUIDs and durations become their ISO text (which
 * the dialects parse strictly by the target column's type), bytes become {@code {"$base64": "..."}}, JSON column
 * values {@code {"$json": "<text>"}}, arrays JSON arrays. Floats that JSON cannot hold (NaN, infinities) are kept as
 * their text.
 */
public final class RowImageJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private RowImageJson() {
    }

    /** The image as JSON text; null for null. */
    public static String write(RowImage image) {
        if (image == null) {
            return null;
        }
        ObjectNode node = NODES.objectNode();
        image.values().forEach((column, value) -> node.set(column, node(value)));
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row image cannot be written as JSON", e);
        }
    }

    /** The image back from {@link #write}'s text; null for null. */
    public static RowImage read(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            LinkedHashMap<String, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), value(e.getValue()));
            }
            return RowImage.wrap(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a bisync row image: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger n) {
            return NODES.numberNode(n);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Float f && Float.isFinite(f)) {
            return NODES.numberNode(new BigDecimal(Float.toString(f)));
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return NODES.numberNode(BigDecimal.valueOf(d));
        }
        if (value instanceof byte[] bytes) {
            return NODES.objectNode().put("$base64", Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof JsonText json) {
            return NODES.objectNode().put("$json", json.text());
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(node(element)));
            return array;
        }
        return NODES.textNode(value.toString());
    }

    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            BigInteger n = node.bigIntegerValue();
            return n.bitLength() < 64 ? (Object) n.longValue() : n;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(value(element)));
            return list;
        }
        if (node.isObject() && node.has("$base64")) {
            return Base64.getDecoder().decode(node.get("$base64").asText());
        }
        if (node.isObject() && node.has("$json")) {
            return new JsonText(node.get("$json").asText());
        }
        return node.asText();
    }
}

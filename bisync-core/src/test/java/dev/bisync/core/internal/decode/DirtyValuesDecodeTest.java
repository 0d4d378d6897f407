package dev.bisync.core.internal.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bisync.api.RowImage;
import dev.bisync.api.UnrepresentableValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static dev.bisync.core.internal.decode.Rows.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Values Debezium would send as something else, decoded faithfully: MariaDB YEAR 0000 (the binlog reader sends 1900)
 * and PostgreSQL numeric through bisync's {@code NumericTextConverter} (schema {@code dev.bisync.NumericText}).
 */
class DirtyValuesDecodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DebeziumDecoder decoder = new DebeziumDecoder();

    @Test
    void mariaDbYearZeroThatTheBinlogReaderSendsAs1900DecodesAsZero() throws IOException {
        Fixtures.Fixture r = Fixtures.load("deccapmaria/deccapmaria.app.dec_maria_types.json", 0);
        assertEquals(0, after(r.topic(), r.key(), payloadAfter(r.value(), "c_year", 1900)).get("c_year"));
        assertEquals(2024, after(r.topic(), r.key(), payloadAfter(r.value(), "c_year", 2024)).get("c_year"));
    }

    @Test
    void numericTextDecodesExactlyAndNaNAndInfinityAsUnrepresentable() throws IOException {
        Fixtures.Fixture r = Fixtures.load("deccappg/deccappg.public.dec_pg_types.json", 0);
        assertEquals(new BigDecimal("1.500"), after(r.topic(), r.key(), numericText(r.value(), "1.500")).get("c_int4"));
        for (String special : new String[] {"NaN", "Infinity", "-Infinity"}) {
            Object v = after(r.topic(), r.key(), numericText(r.value(), special)).get("c_int4");
            assertEquals(UnrepresentableValue.class, v.getClass(), special);
            assertEquals(special, ((UnrepresentableValue) v).text());
            assertEquals("is a numeric " + special + ", which no decimal holds (nor any MySQL/MariaDB number column)",
                    ((UnrepresentableValue) v).reason());
        }
        assertNull(after(r.topic(), r.key(), numericText(r.value(), null)).get("c_int4"));
    }

    @Test
    void arrayTextDecodesNestedListsOfTypedElements() throws IOException {
        Fixtures.Fixture r = Fixtures.load("deccappg/deccappg.public.dec_pg_types.json", 0);
        assertEquals(List.of(List.of(1, 2), Arrays.asList(3, null)),
                after(r.topic(), r.key(), arrayText(r.value(), "int4", "{{1,2},{3,NULL}}")).get("c_int4"));
        assertEquals(Arrays.asList("a", "b c", null, "q\"d", "NULL", "back\\slash"), after(r.topic(), r.key(),
                arrayText(r.value(), "text", "{a,\"b c\",NULL,\"q\\\"d\",\"NULL\",\"back\\\\slash\"}")).get("c_int4"));
        assertEquals(List.of(), after(r.topic(), r.key(), arrayText(r.value(), "int8", "{}")).get("c_int4"));
        assertEquals(List.of(List.of(1L), List.of(2L)),
                after(r.topic(), r.key(), arrayText(r.value(), "int8", "[0:1][1:1]={{1},{2}}")).get("c_int4"));
        assertEquals(List.of(new BigDecimal("1.50"), true), List.of(
                ((List<?>) after(r.topic(), r.key(), arrayText(r.value(), "numeric", "{1.50}")).get("c_int4")).get(0),
                ((List<?>) after(r.topic(), r.key(), arrayText(r.value(), "bool", "{t,f}")).get("c_int4")).get(0)));
        Object nan = after(r.topic(), r.key(), arrayText(r.value(), "numeric", "{1,NaN}")).get("c_int4");
        assertEquals(UnrepresentableValue.class, nan.getClass());
        assertEquals("{1,NaN}", nan.toString());
    }

    @Test
    void postgresDateAndTimestampInfinitiesDecodeAsUnrepresentableNotAsFarAwayDates() throws IOException {
        Fixtures.Fixture r = Fixtures.load("deccappg/deccappg.public.dec_pg_types.json", 0);
        Object date = after(r.topic(), r.key(), payloadAfter(r.value(), "c_date", -2147472692)).get("c_date");
        assertEquals(new UnrepresentableValue("infinity", "is PostgreSQL's date infinity, which no MySQL/MariaDB "
                + "date holds"), date, "Debezium's day for 'infinity' is -5877611-06-21 as a date");
        assertEquals("-infinity", after(r.topic(), r.key(), payloadAfter(r.value(), "c_date", -2147472691))
                .get("c_date").toString());
        ObjectNode ts = (ObjectNode) JSON.readTree(r.value());
        ((ObjectNode) ts.get("payload").get("after")).put("c_ts", 9_223_372_036_825_200_000L);
        assertEquals("infinity", after(r.topic(), r.key(), JSON.writeValueAsBytes(ts)).get("c_ts").toString(),
                "pgjdbc's DATE_POSITIVE_INFINITY in microseconds, not year 294247");
        ObjectNode root = (ObjectNode) JSON.readTree(r.value());
        ((ObjectNode) root.get("payload").get("after")).put("c_tstz", "-infinity");
        assertEquals(new UnrepresentableValue("-infinity", "is PostgreSQL's timestamp -infinity, which no "
                + "MySQL/MariaDB date-time holds"), after(r.topic(), r.key(), JSON.writeValueAsBytes(root))
                .get("c_tstz"));
    }

    private RowImage after(String topic, byte[] key, byte[] value) {
        return change(decoder, new Fixtures.Fixture(topic, key, value)).after();
    }

    /** The record with one column of the after image set to a number. */
    private static byte[] payloadAfter(byte[] value, String column, int number) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(value);
        ((ObjectNode) root.get("payload").get("after")).put(column, number);
        return JSON.writeValueAsBytes(root);
    }

    /** The record with its int4 column c_int4 turned into an array sent as text by bisync's converter. */
    private static byte[] arrayText(byte[] value, String element, String text) throws IOException {
        return textColumn(value, "dev.bisync.ArrayText", element, text);
    }

    /** The record with its int4 column c_int4 turned into a numeric sent as text by bisync's converter. */
    private static byte[] numericText(byte[] value, String text) throws IOException {
        return textColumn(value, "dev.bisync.NumericText", null, text);
    }

    /** The record with its int4 column c_int4 turned into text of the schema {@code name} (and element type). */
    private static byte[] textColumn(byte[] value, String name, String element, String text) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(value);
        for (JsonNode image : root.get("schema").get("fields")) {
            if (image.path("field").asText().equals("after") || image.path("field").asText().equals("before")) {
                for (JsonNode field : image.get("fields")) {
                    if (field.path("field").asText().equals("c_int4")) {
                        ObjectNode f = ((ObjectNode) field).put("type", "string").put("name", name)
                                .put("optional", true);
                        if (element != null) {
                            f.putObject("parameters").put("element", element);
                        }
                    }
                }
            }
        }
        ((ObjectNode) root.get("payload").get("after")).put("c_int4", text);
        return JSON.writeValueAsBytes(root);
    }
}

package dev.bisync.core.internal.decode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionMarkerTest {

    @Test
    void readsAnEndWithItsSchemaEnvelopeAndKeysPostgresByTxId() {
        String json = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"status\",\"type\":\"string\"}]},"
                + "\"payload\":{\"status\":\"END\",\"id\":\"781:39951784\",\"ts_ms\":1,\"event_count\":3,"
                + "\"data_collections\":[{\"data_collection\":\"public.orders\",\"event_count\":1},"
                + "{\"data_collection\":\"public.order_items\",\"event_count\":2}]}}";
        TransactionMarker m = TransactionMarker.parse(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(m.end());
        assertEquals(Map.of("public.orders", 1L, "public.order_items", 2L), m.counts());
        assertEquals("781", m.key(true));
        assertEquals("781:39951784", m.key(false));
    }

    @Test
    void readsASchemalessBegin() {
        TransactionMarker m = TransactionMarker.parse("{\"status\":\"BEGIN\",\"id\":\"0-1-7\",\"event_count\":null,"
                .concat("\"data_collections\":null}").getBytes(StandardCharsets.UTF_8));
        assertEquals(false, m.end());
        assertEquals("0-1-7", m.key(false));
        assertEquals(Map.of(), m.counts());
    }

    @Test
    void refusesWhatIsNotAMarker() {
        assertThrows(UndecodableRecordException.class,
                () -> TransactionMarker.parse("{\"op\":\"c\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(UndecodableRecordException.class,
                () -> TransactionMarker.parse("not json".getBytes(StandardCharsets.UTF_8)));
    }
}

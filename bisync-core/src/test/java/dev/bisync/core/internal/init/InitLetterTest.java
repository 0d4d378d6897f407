package dev.bisync.core.internal.init;

import dev.bisync.api.UnrepresentableValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitLetterTest {

    @Test
    void aLetterReadsBackWithItsTypedKeyAndTheSameIdentity() {
        SegmentKey key = new SegmentKey(List.of("d", "k", "n"), List.of(new UnrepresentableValue("0000-00-00",
                "is a zero date"), "a ", 7L));
        InitLetter letter = new InitLetter("mariadb-to-postgres", "orders", "mariadb-bin.000001:42",
                "(0000-00-00, a , 7)", key);

        InitLetter back = InitLetter.parse(letter.value());

        assertEquals(letter.run(), back.run());
        assertEquals(letter.table(), back.table());
        assertEquals(letter.snapshot(), back.snapshot());
        assertEquals(letter.keyText(), back.keyText());
        assertEquals(List.of("d", "k", "n"), back.key().columns());
        assertEquals("0000-00-00", ((UnrepresentableValue) back.key().values().get(0)).text());
        assertEquals("a ", back.key().values().get(1), "text keeps its trailing space");
        assertEquals(7L, back.key().values().get(2));
        assertEquals(letter.identity("shop.app.orders"), back.identity("shop.app.orders"));
        assertEquals(InitLetter.PARTITION, letter.identity("t").partition());
        assertTrue(letter.identity("t").offset() >= 0);
    }

    @Test
    void identitiesDifferByRunSnapshotAndKey() {
        assertNotEquals(InitLetter.identity("t", "a-to-b", "s1", "(1)"), InitLetter.identity("t", "a-to-b", "s2", "(1)"));
        assertNotEquals(InitLetter.identity("t", "a-to-b", "s1", "(1)"), InitLetter.identity("t", "a-to-b", "s1", "(2)"));
        assertNotEquals(InitLetter.identity("t", "a-to-b", "s1", "(1)"), InitLetter.identity("t", "b-to-a", "s1", "(1)"));
    }

    @Test
    void aLaneRecordIsNotALetter() {
        assertNull(InitLetter.parse(null));
        assertNull(InitLetter.parse("{\"schema\":{},\"payload\":{\"op\":\"c\"}}".getBytes(StandardCharsets.UTF_8)));
        assertNull(InitLetter.parse("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLetterWithoutATypedKeyReadsBackWithout() {
        InitLetter letter = new InitLetter("r", "t", "s", "([1])", null);
        InitLetter back = InitLetter.parse(letter.value());
        assertNull(back.key());
        assertEquals("([1])", back.keyText());
    }
}

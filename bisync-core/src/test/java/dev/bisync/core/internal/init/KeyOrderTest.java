package dev.bisync.core.internal.init;

import dev.bisync.spi.dialect.ColumnMetadata;
import dev.bisync.spi.dialect.Dialect;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import static dev.bisync.core.internal.init.SegmentKeyTest.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyOrderTest {

    private static final Dialect MARIADB = named("MariaDB 11.4.5");
    private static final Dialect POSTGRES = named("PostgreSQL 18.1");

    @Test
    void integerDecimalAndTemporalKeysAreExactlyOrderedOnBothDatabases() {
        assertNull(KeyOrder.inexact(MARIADB, List.of(column("id", "bigint unsigned"), column("d", "datetime"),
                column("p", "decimal"), column("t", "time"), column("s", "timestamp"))));
        assertNull(KeyOrder.inexact(POSTGRES, List.of(column("id", "int8"), column("n", "numeric"),
                column("t", "timestamptz"), column("d", "date"), column("u", "uuid"), column("b", "bytea"))));
    }

    @Test
    void textFloatingPointAndMariadbUuidKeysAreNotAndTheReasonNamesTheColumn() {
        assertEquals("key column name is of type varchar, whose order in MariaDB 11.4.5 bisync cannot reproduce "
                + "exactly", KeyOrder.inexact(MARIADB, List.of(column("id", "bigint"), column("name", "varchar"))));
        assertTrue(KeyOrder.inexact(MARIADB, List.of(column("u", "uuid"))).contains("column u is of type uuid"));
        assertTrue(KeyOrder.inexact(POSTGRES, List.of(column("c", "text"))).contains("text"));
        assertTrue(KeyOrder.inexact(POSTGRES, List.of(column("r", "float8"))).contains("float8"));
        assertTrue(KeyOrder.inexact(MARIADB, List.of(column("b", "varbinary"))).contains("varbinary"));
    }

    @Test
    void numbersCompareByExactValueWhateverTheirJavaType() {
        assertEquals(0, KeyOrder.compare(10, new BigDecimal("10.000")));
        assertTrue(KeyOrder.compare(Long.MAX_VALUE, new BigInteger("9223372036854775808")) < 0);
        assertTrue(KeyOrder.compare(new BigDecimal("0.1000000000000000000001"), new BigDecimal("0.1")) > 0);
        assertTrue(KeyOrder.compare((short) -3, 2L) < 0);
    }

    @Test
    void timesOfDayAndDurationsCompareByLengthFromMidnight() {
        assertTrue(KeyOrder.compare(LocalTime.of(23, 0), Duration.ofHours(25)) < 0);
        assertTrue(KeyOrder.compare(Duration.ofHours(-1), LocalTime.MIDNIGHT) < 0);
        assertEquals(0, KeyOrder.compare(LocalTime.of(1, 30), Duration.ofMinutes(90)));
    }

    @Test
    void datesAndDateTimesCompareByInstantInUtc() {
        assertTrue(KeyOrder.compare(LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1)) < 0);
        assertEquals(0, KeyOrder.compare(LocalDateTime.of(2024, 1, 1, 10, 0), Instant.parse("2024-01-01T10:00:00Z")));
    }

    @Test
    void uuidsAndBytesCompareAsUnsignedBytesLikePostgres() {
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        assertTrue(low.compareTo(high) > 0, "Java's own UUID order is signed");
        assertTrue(KeyOrder.compare(low, high) < 0);
        assertTrue(KeyOrder.compare(new byte[] {1, (byte) 0x80}, new byte[] {1, 0x7f}) > 0);
        assertTrue(KeyOrder.compare(new byte[] {1}, new byte[] {1, 0}) < 0, "a prefix sorts first");
    }

    @Test
    void textAndFloatingPointValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyOrder.compare("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> KeyOrder.compare(1.5, 2.5));
    }

    private static Dialect named(String name) {
        return (Dialect) Proxy.newProxyInstance(KeyOrderTest.class.getClassLoader(), new Class<?>[] {Dialect.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

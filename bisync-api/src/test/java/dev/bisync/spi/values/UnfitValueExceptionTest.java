package dev.bisync.spi.values;

import dev.bisync.api.BisyncException;
import dev.bisync.api.RejectedValueException;
import dev.bisync.api.TableId;
import dev.bisync.spi.dialect.ColumnMetadata;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class UnfitValueExceptionTest {

    private static final ColumnMetadata PRICE = new ColumnMetadata("price", Types.NUMERIC, "numeric", 5, 2, true,
            List.of());

    @Test
    void rejectionNamesTableColumnTypeValueAndReason() {
        UnfitValueException unfit = assertInstanceOf(UnfitValueException.class,
                catchUnfit(() -> ExactNumbers.fitDecimal(new BigDecimal("12.345"), 5, 2)));
        RejectedValueException rejection = unfit.rejection(TableId.of("public", "orders"), PRICE.name(), PRICE.typeName(),
                new BigDecimal("12.345"));
        assertEquals("cannot write 12.345 (BigDecimal) into public.orders.price (numeric): has 3 fractional digits,"
                + " the column keeps 2", rejection.getMessage());
        assertInstanceOf(BisyncException.class, unfit);
        assertEquals(0, unfit.getStackTrace().length, "an answer, not a bug: no stack trace");
    }

    @Test
    void longValuesAreCutInMessages() {
        assertEquals("'abc'", UnfitValueException.shown("abc"));
        assertEquals("'" + "x".repeat(60) + "...' (100 characters)", UnfitValueException.shown("x".repeat(100)));
        assertEquals("bytes[20] 0x000102030405060708090a0b0c0d0e0f...",
                UnfitValueException.shown(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                    18, 19}));
    }

    private static RuntimeException catchUnfit(Runnable conversion) {
        try {
            conversion.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the conversion did not refuse the value");
    }
}

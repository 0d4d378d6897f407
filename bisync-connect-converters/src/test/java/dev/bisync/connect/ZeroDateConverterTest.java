package dev.bisync.connect;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ZeroDateConverterTest {

    @Test
    void datesTravelAsIsoTextAndTheNullOfANotNullColumnAsTheZeroDate() {
        assertEquals("2024-02-29", ZeroDateConverter.text(LocalDate.of(2024, 2, 29)));
        assertEquals("0000-01-01", ZeroDateConverter.text(LocalDate.of(0, 1, 1)));
        assertEquals("2024-02-29T13:14:15.123456",
                ZeroDateConverter.text(LocalDateTime.parse("2024-02-29T13:14:15.123456")));
        assertEquals("0000-00-00", ZeroDateConverter.text(null));
    }
}

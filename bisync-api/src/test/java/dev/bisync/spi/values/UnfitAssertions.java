package dev.bisync.spi.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The assertion the conversion tests share: a value is refused, for the reason given. */
final class UnfitAssertions {

    private UnfitAssertions() {
    }

    /** Runs the conversion and expects an {@link UnfitValueException} whose message is exactly {@code reason}. */
    static void assertUnfit(String reason, Runnable conversion) {
        UnfitValueException e = assertThrows(UnfitValueException.class, conversion::run);
        assertEquals(reason, e.getMessage());
    }
}

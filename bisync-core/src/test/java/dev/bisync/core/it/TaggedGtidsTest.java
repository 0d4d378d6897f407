package dev.bisync.core.it;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link TaggedGtids} reads MySQL's GTID sets as the reference manual writes them. */
class TaggedGtidsTest {

    private static final String UUID_A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String UUID_B = "8a94f357-aab4-11df-86ab-c80aa9429562";

    @Test
    void countsOnlyTheRangesAfterTheTag() {
        assertEquals(5, TaggedGtids.count(UUID_A + ":1-77:bisync_shop:1-3:other:1-9:bisync_shop:7-8", "bisync_shop"));
    }

    @Test
    void addsTheTagsRangesOfEveryServerAndIgnoresCase() {
        assertEquals(5, TaggedGtids.count(UUID_A + ":1-5:BISYNC_SHOP:2,\n" + UUID_B + ":bisync_shop:1-3:10",
                "bisync_shop"));
    }

    @Test
    void untaggedOrEmptySetsCountNothing() {
        assertEquals(0, TaggedGtids.count(UUID_A + ":1-100", "bisync_shop"));
        assertEquals(0, TaggedGtids.count("", "bisync_shop"));
    }
}

package dev.bisync.benchmarks.convergence;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRegistryTest {

    @Test
    void newKeysComeFromSideDisjointRangesAndAreNeverHandedOutTwice() {
        KeyRegistry keys = new KeyRegistry();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long a = keys.newKey("orders", 0);
            long b = keys.newKey("orders", 1);
            assertEquals(0, a % 2, "side A's keys are even");
            assertEquals(1, b % 2, "side B's keys are odd");
            assertTrue(seen.add(a) && seen.add(b), "a key handed out twice");
        }
    }

    @Test
    void aDeletedKeyIsNeverPickedAgain() {
        KeyRegistry keys = new KeyRegistry();
        long key = keys.newKey("orders", 0);
        keys.created("orders", key, 0);
        Random random = new Random(1);
        assertEquals(key, keys.pick("orders", 0, random));
        keys.deleted("orders", key);
        for (int i = 0; i < 100; i++) {
            assertEquals(-1, keys.pick("orders", 0, random));
            assertEquals(-1, keys.pick("orders", 1, random));
        }
    }

    @Test
    void aShareOfPicksTakesAKeyTheOtherSideJustTouched() {
        KeyRegistry keys = new KeyRegistry();
        for (int i = 0; i < 10; i++) {
            keys.created("orders", keys.newKey("orders", 0), 0);
        }
        long theirs = keys.newKey("orders", 1);
        keys.created("orders", theirs, 1);
        Random random = new Random(7);
        int picksOfTheirs = 0;
        for (int i = 0; i < 1000; i++) {
            if (keys.pick("orders", 0, random) == theirs) {
                picksOfTheirs++;
            }
        }
        // about KeyRegistry.OVERLAP of the picks, while the other side's touch is recent (the loop takes far less
        // than a second); never one of the other side's keys otherwise
        assertTrue(picksOfTheirs > 150 && picksOfTheirs < 250, "picks of the other side's key: " + picksOfTheirs);
    }

    @Test
    void aSideWorksOnItsNewestKeys() {
        KeyRegistry keys = new KeyRegistry();
        for (int i = 0; i < 100; i++) {
            keys.created("orders", keys.newKey("orders", 1), 1);
        }
        long oldestOfWorkingSet = 2L * (100 - KeyRegistry.WORKING_SET + 1) + 1;
        Random random = new Random(3);
        Set<Long> picked = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            long key = keys.pick("orders", 1, random);
            assertTrue(key >= oldestOfWorkingSet, "picked an old key: " + key);
            picked.add(key);
        }
        assertEquals(KeyRegistry.WORKING_SET, picked.size(), "every key of the working set is picked");
    }
}

package dev.bisync.core.internal.decode;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas compiled per topic, keyed by the exact bytes of the record's {@code "schema"} section: a topic's
 * schema repeats byte for byte until its table changes, so a lookup is one array comparison at the offset where the
 * record's schema starts (no parsing, no hashing of the section). Keeps the {@value #PER_TOPIC} most recently
 * compiled schemas of each topic, for the records of a table change that still arrive with the old schema.
 * Thread-safe.
 */
final class SchemaCache {

    static final int PER_TOPIC = 4;

    /** A compiled schema and the bytes it was compiled from. */
    private record Entry(byte[] bytes, CompiledSchema compiled) {
    }

    private final ConcurrentHashMap<String, Entry[]> byTopic = new ConcurrentHashMap<>();

    /** The compiled schema whose bytes are those of {@code record} from {@code start} on, or null. */
    Hit find(String topic, byte[] record, int start) {
        Entry[] entries = byTopic.get(topic);
        if (entries != null) {
            for (Entry e : entries) {
                int end = start + e.bytes.length;
                if (end <= record.length && Arrays.equals(record, start, end, e.bytes, 0, e.bytes.length)) {
                    return new Hit(e.compiled, end);
                }
            }
        }
        return null;
    }

    /** Remembers a compiled schema for the topic, evicting its oldest one beyond {@value #PER_TOPIC}. */
    void put(String topic, byte[] schemaBytes, CompiledSchema compiled) {
        Entry entry = new Entry(schemaBytes, compiled);
        byTopic.compute(topic, (t, old) -> {
            if (old == null) {
                return new Entry[] {entry};
            }
            Entry[] updated = new Entry[Math.min(old.length + 1, PER_TOPIC)];
            updated[0] = entry;
            System.arraycopy(old, 0, updated, 1, updated.length - 1);
            return updated;
        });
    }

    /** How many schemas are cached for the topic (for tests). */
    int size(String topic) {
        Entry[] entries = byTopic.get(topic);
        return entries == null ? 0 : entries.length;
    }

    /**
     * A cache hit.
     *
     * @param compiled the decoders
     * @param end      the offset just past the schema section in the record
     */
    record Hit(CompiledSchema compiled, int end) {
    }
}

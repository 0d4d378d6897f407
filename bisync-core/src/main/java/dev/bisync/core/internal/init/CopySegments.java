package dev.bisync.core.internal.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bisync.api.ChangeEvent;
import dev.bisync.api.RowImage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The key ranges of a table whose copy was resumed inside, each copied in its own snapshot. A closed segment holds
 * the keys after the previous segment's last key up to and including its own {@code upTo}, read in the snapshot
 * {@code mark}; the keys after the last closed segment belong to the open segment, read in the table's current
 * snapshot ({@code bisync_init_progress.snapshot_mark}). A table copied in one go has no closed segment. Kept in
 * {@code bisync_init_progress.segments} as JSON: {@code [{"upTo":[{"column":"id",...}],"mark":"..."}]}.
 *
 * @param closed the closed segments, in key order
 */
record CopySegments(List<Segment> closed) {

    /** No closed segment: the whole table in one snapshot. */
    static final CopySegments NONE = new CopySegments(List.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A closed segment: the keys up to and including {@code upTo}, copied in the snapshot {@code mark}. */
    record Segment(SegmentKey upTo, String mark) {
    }

    CopySegments {
        closed = List.copyOf(closed);
    }

    /**
     * These segments and one more, closed at {@code upTo} in the snapshot {@code mark}; unchanged when that segment
     * is empty ({@code upTo} is the last closed segment's: its run stopped before it committed a chunk).
     */
    CopySegments close(SegmentKey upTo, String mark) {
        if (!closed.isEmpty() && closed.get(closed.size() - 1).upTo().toJson().equals(upTo.toJson())) {
            return this;
        }
        List<Segment> segments = new ArrayList<>(closed);
        segments.add(new Segment(upTo, mark));
        return new CopySegments(segments);
    }

    /**
     * The segment a key belongs to: the index of the first closed segment whose {@code upTo} it does not sort
     * after, or {@code closed().size()} for the open segment.
     *
     * @throws IllegalArgumentException when the key lacks a key column or holds a value of another type
     */
    int indexOf(RowImage key) {
        int low = 0;
        int high = closed.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (closed.get(middle).upTo().compareWith(key) <= 0) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /**
     * The test of whether the copy holds a change: the snapshot test ({@code snapshotHolds}) of the segment its key
     * belongs to, the open segment's snapshot being {@code openMark}.
     */
    Predicate<ChangeEvent> holds(Function<String, Predicate<ChangeEvent>> snapshotHolds, String openMark) {
        Predicate<ChangeEvent> open = snapshotHolds.apply(openMark);
        if (closed.isEmpty()) {
            return open;
        }
        List<Predicate<ChangeEvent>> tests = new ArrayList<>();
        closed.forEach(s -> tests.add(snapshotHolds.apply(s.mark())));
        tests.add(open);
        return event -> tests.get(indexOf(event.key())).test(event);
    }

    String toJson() {
        ArrayNode array = JSON.createArrayNode();
        closed.forEach(s -> {
            var segment = array.addObject();
            segment.set("upTo", s.upTo().json());
            segment.put("mark", s.mark());
        });
        return array.toString();
    }

    /** The segments in {@code json}; {@link #NONE} for null or empty text (a table copied by an earlier version). */
    static CopySegments parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            List<Segment> segments = new ArrayList<>();
            for (JsonNode segment : JSON.readTree(json)) {
                segments.add(new Segment(SegmentKey.from(segment.path("upTo")), segment.path("mark").asText()));
            }
            return new CopySegments(segments);
        } catch (IOException e) {
            throw new IllegalArgumentException("not copy segments written by bisync: " + json, e);
        }
    }
}

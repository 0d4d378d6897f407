package dev.bisync.core.internal.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bisync.core.internal.deadletter.ReplayMarks.Original;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The dead letter of a row the initial copy refused: not a change but "read this key from the source again and
 * write it", so that a replay ({@code bisync dlq replay}) copies the row as it is once its cause is fixed. Its
 * value is JSON ({@code {"bisync.init":{"run":…,"table":…,"snapshot":…,"key_text":"(2)","key":[…]}}}, the key typed
 * as a {@link SegmentKey}); its key is the row's key text.
 *
 * <p>No Kafka record stands for the row, so the letter's original topic, partition and offset headers give it an
 * identity of its own: the source table's topic (a replay selected by table finds it), partition {@value #PARTITION}
 * (no topic has it), and a 63-bit hash of run, snapshot and key as the offset — the same for every copy of the letter
 * (a chunk tried again sends it again), so {@code bisync_replayed} records it once, and the copy's
 * {@code bisync_init_rejected} row is found replayed by the same identity.
 *
 * @param run      the copy direction, named as its lane
 * @param table    the source table's name
 * @param snapshot the snapshot mark the row was read in
 * @param keyText  the key as reported ({@link dev.bisync.core.report.RejectedRow#key()})
 * @param key      the source key, typed; null when a key value is of a type a letter does not keep (the replay
 *                 then reports it as still failing)
 */
public record InitLetter(String run, String table, String snapshot, String keyText, SegmentKey key) {

    /** The partition of an initial copy's dead letters: none of a topic. */
    public static final int PARTITION = -1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIELD = "bisync.init";
    private static final byte[] PREFIX = ("{\"" + FIELD + "\":").getBytes(StandardCharsets.UTF_8);

    /** The letter's value. */
    public byte[] value() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode init = root.putObject(FIELD).put("run", run).put("table", table).put("snapshot", snapshot)
                .put("key_text", keyText);
        if (key != null) {
            init.set("key", key.json());
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The identity of the dead letter of a refused row, by its source table's {@code topic}. */
    public static Original identity(String topic, String run, String snapshot, String keyText) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((run + '\u0000' + snapshot + '\u0000' + keyText)
                    .getBytes(StandardCharsets.UTF_8));
            long offset = 0;
            for (int i = 0; i < 8; i++) {
                offset = (offset << 8) | (hash[i] & 0xff);
            }
            return new Original(topic, PARTITION, offset & Long.MAX_VALUE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** This letter's identity, by its source table's {@code topic}. */
    public Original identity(String topic) {
        return identity(topic, run, snapshot, keyText);
    }

    /**
     * The letter a dead letter's value holds; null when it is not an initial copy's letter (a lane's record, told
     * apart by its first bytes without parsing it: a letter's value starts with {@code {"bisync.init":}).
     */
    public static InitLetter parse(byte[] value) {
        if (value == null || value.length < PREFIX.length
                || !Arrays.equals(value, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            return null;
        }
        JsonNode init;
        try {
            init = JSON.readTree(value).get(FIELD);
        } catch (IOException e) {
            return null;
        }
        if (init == null || !init.isObject()) {
            return null;
        }
        SegmentKey key = init.has("key") ? SegmentKey.anyFrom(init.get("key")) : null;
        return new InitLetter(init.path("run").asText(), init.path("table").asText(), init.path("snapshot").asText(),
                init.path("key_text").asText(), key);
    }
}

package dev.bisync.core.internal.decode;

/**
 * Turns one Kafka record into what a lane applies: {@link DebeziumDecoder} for the connectors' records; a replay of
 * dead letters puts in front of it the reader of the initial copy's letters, which reads the refused row again from
 * the source. Called by one lane thread (the consumer thread, or the replay's).
 */
@FunctionalInterface
public interface RecordDecoder {

    /**
     * Decodes one record.
     *
     * @param topic the record's topic
     * @param key   the record's key bytes, or null
     * @param value the record's value bytes, or null (a tombstone)
     * @return the change, or what kind of record was skipped; never null
     * @throws UndecodableRecordException when the record cannot be turned into a change (the lane dead-letters it);
     *                                    the message says why and names the topic
     */
    Decoded decode(String topic, byte[] key, byte[] value);
}

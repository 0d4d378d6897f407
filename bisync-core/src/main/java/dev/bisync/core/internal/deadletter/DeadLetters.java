package dev.bisync.core.internal.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.concurrent.ExecutionException;

/**
 * Where a lane's batch puts the records it cannot apply: the lane's dead-letter topic ({@link DeadLetterPublisher}),
 * or, for a replay of dead letters, a list the replay reports. Used by one lane thread.
 */
public interface DeadLetters {

    /** Queues a record with the reason it could not be applied and how many times it was tried. */
    void send(ConsumerRecord<byte[], byte[]> record, String errorClass, String message, int attempts);

    /** Waits until every queued record is safely stored; the batch commits only after this. */
    void flush() throws ExecutionException, InterruptedException;

    /** Forgets the queued records of a batch that is rolled back. */
    void discardPending();
}

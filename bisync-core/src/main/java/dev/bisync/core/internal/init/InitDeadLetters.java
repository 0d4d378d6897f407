package dev.bisync.core.internal.init;

import dev.bisync.api.BisyncException;
import dev.bisync.core.internal.deadletter.DeadLetterPublisher;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Sends the rows one copy thread's target refused to the dead-letter topic of the lane of the copy's direction, as
 * {@link InitLetter}s with the lanes' headers (the reason naming table, key, column and value), so that
 * {@code bisync dlq replay} copies them once their cause is fixed. The producer is opened on the first refused row,
 * so a copy that refuses none never connects to Kafka for it. A chunk's letters are acknowledged by the broker
 * before the chunk commits ({@link #flush}): none is lost; a chunk tried again sends them again, under the same
 * identity. Used by one thread.
 */
final class InitDeadLetters implements AutoCloseable {

    private final Supplier<DeadLetterPublisher> open;
    private DeadLetterPublisher publisher;

    InitDeadLetters(Supplier<DeadLetterPublisher> open) {
        this.open = open;
    }

    /** Queues the letter of a refused row of the source table whose topic is {@code topic}. */
    void send(String topic, InitLetter letter, RowWriter.Refusal refusal) {
        if (publisher == null) {
            publisher = open.get();
        }
        publisher.send(letter.keyText().getBytes(StandardCharsets.UTF_8), letter.value(), letter.identity(topic),
                refusal.errorClass(), refusal.row().toString(), 1);
    }

    /**
     * Waits until the broker holds every queued letter.
     *
     * @throws BisyncException when Kafka does not take them (the table's copy fails and is resumed by the next run)
     */
    void flush() throws InterruptedException {
        if (publisher == null) {
            return;
        }
        try {
            publisher.flush();
        } catch (ExecutionException e) {
            throw new BisyncException("cannot dead-letter the rows the target refused to " + publisher.topic() + ": "
                    + e.getCause() + "; check that Kafka is available and that bisync's Kafka user may create and "
                    + "write that topic", e);
        }
    }

    /** Forgets the letters of a chunk rolled back. */
    void discard() {
        if (publisher != null) {
            publisher.discardPending();
        }
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }
}

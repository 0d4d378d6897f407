package dev.bisync.core;

import java.util.List;

/**
 * What a replay of dead letters did. Every selected dead letter is counted once: either it was replayed before
 * (or is a second copy of one replayed in this run) or it went through the lane's stages again and is in
 * {@link #accounting()}, whose {@code dead-lettered} outcome counts the ones that failed again (listed in
 * {@link #stillFailing()}, still in the dead-letter topic, not sent there twice).
 *
 * @param lane            the lane, e.g. {@code mariadb-to-postgres}
 * @param topic           its dead-letter topic
 * @param selected        dead letters that matched the selection
 * @param alreadyReplayed of those, the ones re-applied by an earlier replay, or copies of one re-applied now
 * @param accounting      what became of the others: consumed = applied + skipped-equal + ... + dead-lettered
 * @param stillFailing    the ones that failed again, with the new reason
 */
public record ReplayReport(String lane, String topic, long selected, long alreadyReplayed, LaneAccounting accounting,
        List<Failure> stillFailing) {

    public ReplayReport {
        stillFailing = List.copyOf(stillFailing);
    }

    /**
     * A dead letter that failed again.
     *
     * @param deadLetterOffset its offset in the dead-letter topic
     * @param original         its original topic, partition and offset, e.g. {@code shop.public.orders-0@42}
     * @param errorClass       the error's kind, e.g. {@code RejectedValueException}
     * @param message          why it failed
     */
    public record Failure(long deadLetterOffset, String original, String errorClass, String message) {
    }

    /** Whether every selected dead letter is counted once: selected = already replayed + consumed, and balanced. */
    public boolean balanced() {
        return selected == alreadyReplayed + accounting.consumed() && accounting.balanced()
                && accounting.count("dead-lettered") == stillFailing.size();
    }

    /** E.g. {@code mariadb-to-postgres: selected 3 = already replayed 1 + consumed 2 = applied 2 + ...}. */
    @Override
    public String toString() {
        return lane + ": selected " + selected + " = already replayed " + alreadyReplayed + " + "
                + accounting.toString().substring(lane.length() + 2) + (balanced() ? "" : " (UNBALANCED)");
    }
}

package dev.bisync.benchmarks.convergence;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run's figures and findings. It passed when both sides converged with no differing row, no rule violation,
 * no resurrection, no orphan and no dead letter (the workload holds no bad data, so every dead letter is a failure).
 *
 * @param conflicts    conflicts decided, by decision, both sides' {@code bisync_conflicts} together
 * @param deadLetters  records in both lanes' dead-letter topics
 * @param differing    keys whose rows differ, per table
 * @param quiesceSeconds from the end of the load until both lanes had no lag and both sides' checksums stood still
 *                     (the limit when they did not)
 * @param restoresParents whether the foreign-key rule is "insert wins", which brings back an order a side deleted
 *                     while the other added items to it: its resurrections are the rule at work, not a failure
 * @param details      the lists behind the figures (first differing rows, violations, dead letters, accounting)
 */
public record RunResult(long seed, int seconds, int rate, AppCounts appA, AppCounts appB, Map<String, Long> conflicts,
        long deadLetters, Map<String, Integer> differing, List<String> violations, List<String> resurrections,
        long orphans, boolean quiesced, double quiesceSeconds, String disruptions, boolean restoresParents,
        List<String> details) {

    public int differingRows() {
        return differing.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean converged() {
        return quiesced && differingRows() == 0;
    }

    public boolean passed() {
        return converged() && violations.isEmpty() && (resurrections.isEmpty() || restoresParents) && orphans == 0
                && deadLetters == 0;
    }

    /** The run's one line. */
    public String line() {
        long total = conflicts.values().stream().mapToLong(Long::longValue).sum();
        return String.format("RESULT seed=%d seconds=%d rate=%d%s txns=%d/%d (given up %d/%d, unexpected %d/%d) "
                        + "conflicts=%d %s dlq=%d differing=%d %s violations=%d resurrections=%d orphans=%d "
                        + "converged=%s quiesce=%s %s", seed, seconds, rate,
                disruptions.isEmpty() ? "" : " " + disruptions, appA.committed(), appB.committed(), appA.skipped(),
                appB.skipped(), appA.unexpected(), appB.unexpected(), total, conflicts, deadLetters, differingRows(),
                differing, violations.size(), resurrections.size(), orphans, converged() ? "yes" : "no",
                quiesced ? String.format("%.1fs", quiesceSeconds) : "not-quiesced(" + (int) quiesceSeconds + "s)",
                passed() ? "PASS" : "FAIL");
    }

    /** The run's findings, one per line. */
    public String report() {
        return details.stream().map(d -> "  " + d).collect(Collectors.joining("\n"));
    }
}

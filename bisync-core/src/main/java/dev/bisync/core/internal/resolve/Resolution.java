package dev.bisync.core.internal.resolve;

import java.util.List;

/**
 * What resolving a batch decided.
 *
 * @param writes    the writes, in source commit order
 * @param verdicts  the verdict for each change of the batch, by index
 * @param failures  for a {@link Verdict#FAILED} change, why; else null
 * @param conflicts the conflicts met and their decisions
 */
public record Resolution(List<Write> writes, Verdict[] verdicts, String[] failures, List<DecidedConflict> conflicts) {
}

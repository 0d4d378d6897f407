package dev.bisync.core.internal.resolve;

import dev.bisync.spi.Conflict;
import dev.bisync.spi.ConflictDecision;

/**
 * A conflict and what was decided, to be recorded.
 *
 * @param change   the index of the change in the batch
 * @param conflict the conflict
 * @param strategy the strategy that decided, as it describes itself
 * @param decision the decision
 */
public record DecidedConflict(int change, Conflict conflict, String strategy, ConflictDecision decision) {
}

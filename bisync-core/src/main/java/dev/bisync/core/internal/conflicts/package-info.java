/**
 * Conflict records: every conflict a lane decides is written to the target side's {@code bisync_conflicts} table in
 * the batch's transaction ({@link dev.bisync.core.internal.conflicts.ConflictLog}); the manual-resolution tools
 * read and resolve them ({@link dev.bisync.core.internal.conflicts.ConflictStore}). Row images are kept as JSON
 * ({@link dev.bisync.core.internal.conflicts.RowImageJson}).
 */
package dev.bisync.core.internal.conflicts;

/**
 * Stage 4 of a lane, resolve: the target's current rows for all keys of a batch (one query per table), equal rows
 * skipped, conflicts detected and decided. Private API.
 */
package dev.bisync.core.internal.resolve;

/**
 * The initial copy ({@code dev.bisync.core.InitialSync}): tables copied chunk by chunk inside one consistent
 * snapshot each, in foreign-key order on a bounded pool, progress in {@code bisync_init_progress}, the hand-over to
 * the lanes, and the per-table verification. Private API.
 */
package dev.bisync.core.internal.init;

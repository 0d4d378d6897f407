/**
 * Stage 5 of a lane, apply: one transaction per batch, multi-row writes per table through the dialect, the
 * consumed offsets stored in the same transaction. Private API.
 */
package dev.bisync.core.internal.apply;

/**
 * A lane: one direction of a sync, its thread, retries and health, and the batch that runs through the stages
 * consume - decode - map - resolve - apply. Private API.
 */
package dev.bisync.core.internal.lane;

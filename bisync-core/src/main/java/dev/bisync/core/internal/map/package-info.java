/**
 * Stage 3 of a lane, map: source tables and columns to the target's, checked against the target's metadata.
 * Private API.
 */
package dev.bisync.core.internal.map;

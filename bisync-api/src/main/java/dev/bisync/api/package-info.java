/**
 * The bisync event model: changes, rows, tables, source positions, values, alerts and states. The configuration is in
 * {@code dev.bisync.api.config}.
 */
package dev.bisync.api;

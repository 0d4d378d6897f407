/**
 * The sync's watch: once a second it reads each lane's state, lag and error counts and the Debezium connectors'
 * state (Connect REST), makes the sync's health ({@link dev.bisync.core.report.SyncHealth}) and evaluates the alert rules
 * ({@link dev.bisync.core.internal.health.AlertEvaluator}), telling the listeners.
 */
package dev.bisync.core.internal.health;

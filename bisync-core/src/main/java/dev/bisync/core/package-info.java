/**
 * bisync's engine. Public: {@link dev.bisync.core.BiSync} (start a sync), {@link dev.bisync.core.CaptureSetup}
 * (the Debezium connector configuration it needs) and {@link dev.bisync.core.connect.ConnectRestClient}. Everything in
 * {@code dev.bisync.core.internal} is private API; its packages follow the stages of a lane: consume, decode,
 * map, resolve, apply.
 */
package dev.bisync.core;

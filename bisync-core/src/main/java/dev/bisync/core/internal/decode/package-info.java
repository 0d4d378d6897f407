/**
 * Stage 2 of a lane, decode: Debezium JSON change events (with or without schemas, from the PostgreSQL, MariaDB and
 * MySQL connectors) into {@link dev.bisync.api.ChangeEvent}s holding canonical Java values. Private API.
 */
package dev.bisync.core.internal.decode;

/**
 * The PostgreSQL dialect's implementation. Private API: use it through
 * {@link dev.bisync.postgres.PostgresDialectProvider}.
 */
package dev.bisync.postgres.internal;

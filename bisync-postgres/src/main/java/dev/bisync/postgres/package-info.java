/**
 * The PostgreSQL dialect of bisync, found through {@link java.util.ServiceLoader} as
 * {@link dev.bisync.postgres.PostgresDialectProvider}.
 */
package dev.bisync.postgres;

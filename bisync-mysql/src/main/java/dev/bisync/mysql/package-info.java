/**
 * The MySQL 8 / MariaDB dialect of bisync, found through {@link java.util.ServiceLoader}:
 * {@link dev.bisync.mysql.MariaDbDialectProvider} (priority 10) for MariaDB, also behind a {@code jdbc:mysql:} URL,
 * and {@link dev.bisync.mysql.MySqlDialectProvider} (priority 0) for MySQL.
 */
package dev.bisync.mysql;

/** The MySQL 8 / MariaDB dialect. */
package dev.bisync.mysql;

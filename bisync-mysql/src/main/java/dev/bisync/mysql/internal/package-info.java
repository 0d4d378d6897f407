/**
 * The MySQL/MariaDB dialect's implementation. Private API: use it through the providers in
 * {@code dev.bisync.mysql}.
 */
package dev.bisync.mysql.internal;

/** The PostgreSQL dialect. */
package dev.bisync.postgres;

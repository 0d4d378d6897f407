/**
 * bisync's extension points: database dialects ({@link dev.bisync.spi.Dialect}, found through
 * {@link dev.bisync.spi.DialectProvider}), conflict strategies, table mappers and listeners.
 */
package dev.bisync.spi;

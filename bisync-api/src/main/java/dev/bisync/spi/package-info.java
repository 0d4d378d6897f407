/**
 * bisync's extension points: database dialects ({@link dev.bisync.spi.dialect.Dialect}, found through
 * {@link dev.bisync.spi.dialect.DialectProvider}), conflict strategies, table mappers and listeners. The conversions of
 * column values that dialects share are in {@code dev.bisync.spi.values}.
 */
package dev.bisync.spi;

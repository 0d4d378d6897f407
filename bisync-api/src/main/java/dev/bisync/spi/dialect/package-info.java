/**
 * The dialect SPI: what bisync needs to know about one kind of database, as a small root ({@link
 * dev.bisync.spi.dialect.Dialect}) that hands out one part per concern, found through {@link
 * dev.bisync.spi.dialect.DialectProvider}. The SQL both built-in dialects share is written once, in the parts'
 * default methods.
 */
package dev.bisync.spi.dialect;

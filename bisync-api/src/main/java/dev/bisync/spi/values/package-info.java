/**
 * Conversions of canonical column values (see {@link dev.bisync.api.RowImage}) for dialect authors, and their
 * order for conflict strategies. Each conversion takes a canonical value, or its text form, and returns what a
 * column holds <em>exactly</em>, or throws an {@link dev.bisync.spi.values.UnfitValueException} saying why the value
 * does not fit (never rounds, truncates or clips); {@link dev.bisync.spi.dialect.ColumnBinder#checked} turns that into the
 * {@link dev.bisync.api.RejectedValueException} that dead-letters the event.
 *
 * <ul>
 * <li>{@link dev.bisync.spi.values.ExactNumbers}: integers in a range, decimals of a precision and scale, floats
 *     and doubles;</li>
 * <li>{@link dev.bisync.spi.values.TemporalValues}: dates, date-times, instants, times of day, fractional
 *     seconds;</li>
 * <li>{@link dev.bisync.spi.values.Durations}: spans of time (MySQL TIME beyond a day, PostgreSQL interval);</li>
 * <li>{@link dev.bisync.spi.values.TextValues}: text forms and lengths;</li>
 * <li>{@link dev.bisync.spi.values.JsonValues}: arrays and key-value maps as JSON, for databases without them;</li>
 * <li>{@link dev.bisync.spi.values.WkbPoints}: points as WKB;</li>
 * <li>{@link dev.bisync.spi.values.CanonicalOrder}: the order of values of different Java types.</li>
 * </ul>
 *
 * All of it is stateless and thread-safe, and depends on nothing beyond the JDK and {@code dev.bisync.api}.
 */
package dev.bisync.spi.values;

package dev.bisync.api;

import java.util.Objects;

/**
 * A value the source database holds that has no canonical Java value and no faithful form in any target column: a
 * MariaDB zero date ({@code 0000-00-00}), a date with a zero month or day ({@code 2023-00-15}), an invalid date
 * accepted under {@code ALLOW_INVALID_DATES} ({@code 2023-02-31}), a PostgreSQL {@code numeric} {@code NaN} or
 * {@code ±Infinity}. It is carried as the source's text so that the target refuses the row with the reason
 * (dead letter, or the initial copy's report) instead of writing NULL, the epoch or anything else in its place:
 * every binder made by {@link dev.bisync.spi.dialect.ColumnBinder#checked} refuses it, and so do the dialects' bulk
 * loaders.
 *
 * @param text   the value as the source database spells it, e.g. {@code 2023-02-31}; never null
 * @param reason why no target can hold it, worded to follow the value, e.g. {@code is not a day of the calendar
 *               (MariaDB accepts it under ALLOW_INVALID_DATES)}; never null
 */
public record UnrepresentableValue(String text, String reason) {

    public UnrepresentableValue {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return text;
    }
}

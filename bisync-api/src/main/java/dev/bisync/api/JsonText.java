package dev.bisync.api;

import java.util.Objects;

/**
 * A JSON document as text (a MySQL/MariaDB {@code JSON} column, a PostgreSQL {@code json} or {@code jsonb}), kept
 * apart from plain strings so that a dialect binds it as JSON. Two values are equal when their text is equal;
 * comparing documents by meaning is the engine's job.
 *
 * @param text the JSON text; never null
 */
public record JsonText(String text) {

    public JsonText {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}

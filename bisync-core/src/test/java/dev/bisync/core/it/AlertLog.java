package dev.bisync.core.it;

import dev.bisync.api.Alert;
import dev.bisync.spi.SyncListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that writes down every alert raised and cleared, as {@code raised LAG_RECORDS mariadb-to-postgres}. */
final class AlertLog implements SyncListener {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void alertRaised(Alert alert) {
        events.add("raised " + alert.rule() + " " + alert.subject());
    }

    @Override
    public void alertCleared(Alert alert) {
        events.add("cleared " + alert.rule() + " " + alert.subject());
    }

    /** Whether this was written down, e.g. {@code "cleared STALLED mariadb-to-postgres"}. */
    boolean contains(String event) {
        return events.contains(event);
    }

    @Override
    public String toString() {
        return events.toString();
    }
}

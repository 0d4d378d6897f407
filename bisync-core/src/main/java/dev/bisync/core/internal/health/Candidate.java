package dev.bisync.core.internal.health;

import dev.bisync.api.Alert;

import java.time.Duration;

/** An alert whose condition holds now; raised once it has held for {@code lastingFor}. */
record Candidate(Alert.Rule rule, String subject, double value, double threshold, Duration lastingFor,
        String message) {

    /** The identity of its alert: one open alert per rule and subject. */
    String key() {
        return rule + ":" + subject;
    }
}

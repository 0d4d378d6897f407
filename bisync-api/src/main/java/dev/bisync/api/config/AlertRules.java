package dev.bisync.api.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds of the alerts a sync evaluates itself, once a second, on a thread of its own
 * ({@code bisync-<sync>-watch}); see {@link dev.bisync.api.Alert}. A rule whose threshold is 0 is off. Built with
 * {@link #builder()}; {@link #DEFAULT} raises a lag alert after a minute over 10,000 records or 60 seconds,
 * an error-rate alert over 10 failed or dead-lettered events a minute, a DLQ-growth alert over 100 dead letters in
 * 10 minutes, and connector and lane failures at once.
 *
 * <p>The <em>symptom</em> rules also make their lane's health DEGRADED, with the alert's message as the reason, for as
 * long as the alert is open ({@link dev.bisync.api.Alert.Rule#degradesLane()}): more than 30 dead letters, 30 retried batch attempts
 * or 30 parked conflicts within a minute; records waiting while nothing was committed for 30 s; the lag not known for
 * 15 s (a lane that has no partitions assigned yet, e.g. while the member that held them before a crash still counts
 * as alive).
 *
 * @param lagRecords       records waiting in a lane's topics; 0: off
 * @param lagSeconds       seconds a lane is behind its source; 0: off
 * @param lagFor           how long a lag must last before it alerts
 * @param errorsPerMinute  failed or dead-lettered events per minute in a lane; 0: off
 * @param dlqGrowth        dead letters within {@code dlqWindow} in a lane; 0: off
 * @param dlqWindow        the window of {@code dlqGrowth}
 * @param connectorFailure whether a failed connector or task alerts (needs the Connect REST URL in the config)
 * @param deadLettering    symptom: dead letters within {@code symptomWindow} over which a lane is DEGRADED; 0: off
 * @param retrying         symptom: retried batch attempts within {@code symptomWindow}; 0: off
 * @param parking          symptom: conflicts parked for manual resolution within {@code symptomWindow}; 0: off
 * @param symptomWindow    the window of the three counts above
 * @param stalledAfter     symptom: how long a lane may commit nothing while records wait; 0: off
 * @param lagUnknownAfter  symptom: how long a lane may not know its lag (start-up grace); 0: off
 */
public record AlertRules(long lagRecords, long lagSeconds, Duration lagFor, double errorsPerMinute, long dlqGrowth,
        Duration dlqWindow, boolean connectorFailure, long deadLettering, long retrying, long parking,
        Duration symptomWindow, Duration stalledAfter, Duration lagUnknownAfter) {

    /** The defaults described above. */
    public static final AlertRules DEFAULT = new AlertRules(10_000, 60, Duration.ofMinutes(1), 10, 100,
            Duration.ofMinutes(10), true, 30, 30, 30, Duration.ofMinutes(1), Duration.ofSeconds(30),
            Duration.ofSeconds(15));

    /** A builder starting from {@link #DEFAULT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The problems of these thresholds, each with its fix; empty when they are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (lagRecords < 0 || lagSeconds < 0 || errorsPerMinute < 0 || dlqGrowth < 0) {
            problems.add("alert thresholds are negative: use 0 to turn a rule off, or a positive threshold");
        }
        if (deadLettering < 0 || retrying < 0 || parking < 0) {
            problems.add("alert symptom thresholds (dead letters, retries, parked conflicts) are negative: use 0 to "
                    + "turn a rule off, or a positive count");
        }
        if (lagFor == null || lagFor.isNegative()) {
            problems.add("alert lagFor is " + lagFor + ": give how long a lag must last, e.g. Duration.ofMinutes(1)");
        }
        if (dlqWindow == null || dlqWindow.isNegative() || dlqWindow.isZero()) {
            problems.add("alert dlqWindow is " + dlqWindow + ": give a window, e.g. Duration.ofMinutes(10)");
        }
        if (symptomWindow == null || symptomWindow.isNegative() || symptomWindow.isZero()) {
            problems.add("alert symptomWindow is " + symptomWindow + ": give a window, e.g. Duration.ofMinutes(1)");
        }
        if (stalledAfter == null || stalledAfter.isNegative()) {
            problems.add("alert stalledAfter is " + stalledAfter + ": give a duration, e.g. Duration.ofSeconds(30), "
                    + "or Duration.ZERO to turn the rule off");
        }
        if (lagUnknownAfter == null || lagUnknownAfter.isNegative()) {
            problems.add("alert lagUnknownAfter is " + lagUnknownAfter + ": give a duration, e.g. "
                    + "Duration.ofSeconds(15), or Duration.ZERO to turn the rule off");
        }
        return problems;
    }

    /** Sets the thresholds one by one. */
    public static final class Builder {
        private long lagRecords = DEFAULT.lagRecords;
        private long lagSeconds = DEFAULT.lagSeconds;
        private Duration lagFor = DEFAULT.lagFor;
        private double errorsPerMinute = DEFAULT.errorsPerMinute;
        private long dlqGrowth = DEFAULT.dlqGrowth;
        private Duration dlqWindow = DEFAULT.dlqWindow;
        private boolean connectorFailure = DEFAULT.connectorFailure;
        private long deadLettering = DEFAULT.deadLettering;
        private long retrying = DEFAULT.retrying;
        private long parking = DEFAULT.parking;
        private Duration symptomWindow = DEFAULT.symptomWindow;
        private Duration stalledAfter = DEFAULT.stalledAfter;
        private Duration lagUnknownAfter = DEFAULT.lagUnknownAfter;

        /** Lag alerts: over {@code records} or {@code seconds} (0: off) for {@code lastingFor}. */
        public Builder lag(long records, long seconds, Duration lastingFor) {
            this.lagRecords = records;
            this.lagSeconds = seconds;
            this.lagFor = lastingFor;
            return this;
        }

        /** Error-rate alert: over this many failed or dead-lettered events a minute (0: off). */
        public Builder errorsPerMinute(double perMinute) {
            this.errorsPerMinute = perMinute;
            return this;
        }

        /** DLQ-growth alert: over {@code deadLetters} within {@code window} (0: off). */
        public Builder dlqGrowth(long deadLetters, Duration window) {
            this.dlqGrowth = deadLetters;
            this.dlqWindow = window;
            return this;
        }

        /** Whether a failed connector or task alerts. */
        public Builder connectorFailure(boolean on) {
            this.connectorFailure = on;
            return this;
        }

        /**
         * The symptoms counted within {@code window} that make a lane DEGRADED (and alert): over {@code deadLetters}
         * dead letters, over {@code retries} retried batch attempts, over {@code parkedConflicts} conflicts parked
         * (each 0: off). Default 30, 30, 30 within 1 minute.
         */
        public Builder symptoms(long deadLetters, long retries, long parkedConflicts, Duration window) {
            this.deadLettering = deadLetters;
            this.retrying = retries;
            this.parking = parkedConflicts;
            this.symptomWindow = window;
            return this;
        }

        /** A lane that commits nothing for this long while records wait is DEGRADED (0: off); default 30 s. */
        public Builder stalledAfter(Duration after) {
            this.stalledAfter = after;
            return this;
        }

        /** A lane that does not know its lag for this long is DEGRADED (0: off); default 15 s. */
        public Builder lagUnknownAfter(Duration after) {
            this.lagUnknownAfter = after;
            return this;
        }

        public AlertRules build() {
            return new AlertRules(lagRecords, lagSeconds, lagFor, errorsPerMinute, dlqGrowth, dlqWindow,
                    connectorFailure, deadLettering, retrying, parking, symptomWindow, stalledAfter, lagUnknownAfter);
        }
    }
}

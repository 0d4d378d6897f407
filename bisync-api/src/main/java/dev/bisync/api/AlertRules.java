package dev.bisync.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds of the alerts a sync evaluates itself, once a second, on a thread of its own
 * ({@code bisync-<sync>-watch}); see {@link Alert}. A rule whose threshold is 0 is off. Built with
 * {@link #builder()}; {@link #DEFAULT} raises a lag alert after a minute over 10,000 records or 60 seconds,
 * an error-rate alert over 10 failed or dead-lettered events a minute, a DLQ-growth alert over 100 dead letters in
 * 10 minutes, and connector and lane failures at once.
 *
 * @param lagRecords       records waiting in a lane's topics; 0: off
 * @param lagSeconds       seconds a lane is behind its source; 0: off
 * @param lagFor           how long a lag must last before it alerts
 * @param errorsPerMinute  failed or dead-lettered events per minute in a lane; 0: off
 * @param dlqGrowth        dead letters within {@code dlqWindow} in a lane; 0: off
 * @param dlqWindow        the window of {@code dlqGrowth}
 * @param connectorFailure whether a failed connector or task alerts (needs the Connect REST URL in the config)
 */
public record AlertRules(long lagRecords, long lagSeconds, Duration lagFor, double errorsPerMinute, long dlqGrowth,
        Duration dlqWindow, boolean connectorFailure) {

    /** The defaults described above. */
    public static final AlertRules DEFAULT = new AlertRules(10_000, 60, Duration.ofMinutes(1), 10, 100,
            Duration.ofMinutes(10), true);

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
        if (lagFor == null || lagFor.isNegative()) {
            problems.add("alert lagFor is " + lagFor + ": give how long a lag must last, e.g. Duration.ofMinutes(1)");
        }
        if (dlqWindow == null || dlqWindow.isNegative() || dlqWindow.isZero()) {
            problems.add("alert dlqWindow is " + dlqWindow + ": give a window, e.g. Duration.ofMinutes(10)");
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

        public AlertRules build() {
            return new AlertRules(lagRecords, lagSeconds, lagFor, errorsPerMinute, dlqGrowth, dlqWindow,
                    connectorFailure);
        }
    }
}

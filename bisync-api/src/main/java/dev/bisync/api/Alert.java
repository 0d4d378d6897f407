package dev.bisync.api;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert raised by one of the sync's {@link dev.bisync.api.config.AlertRules}, told to {@code SyncListener.alertRaised} when its
 * condition has held for the rule's duration and to {@code SyncListener.alertCleared} when it no longer holds.
 *
 * @param rule      which rule
 * @param subject   what it is about: a lane name ({@code mariadb-to-postgres}) or a connector name
 * @param message   what is wrong, with the measured value and the threshold, for a person
 * @param value     the measured value when raised (records, seconds, events per minute or per symptom window, or 1
 *                  for a failed connector)
 * @param threshold the rule's threshold
 * @param since     when the condition began to hold
 */
public record Alert(Rule rule, String subject, String message, double value, double threshold, Instant since) {

    /** The kinds of alert. */
    public enum Rule {
        /** Consumer lag in records over the threshold (for the rule's duration); the lane is DEGRADED. */
        LAG_RECORDS,
        /** Lag in seconds (source commit time of the newest applied change vs now, while records wait) over the
         *  threshold (for the rule's duration); the lane is DEGRADED. */
        LAG_SECONDS,
        /** Events failed or dead-lettered per minute over the threshold. */
        ERROR_RATE,
        /** Records sent to the dead-letter topic within the window over the threshold. */
        DLQ_GROWTH,
        /** A Debezium connector or one of its tasks is FAILED, or the connector is missing. */
        CONNECTOR_FAILED,
        /** A lane is DOWN. */
        LANE_DOWN,
        /** A lane dead-lettered more events within the symptom window than the threshold; the lane is DEGRADED. */
        DEAD_LETTERING,
        /** A lane retried more batch attempts (transient failures and changes failing for their data) within the
         *  symptom window than the threshold; the lane is DEGRADED. */
        RETRYING,
        /** A lane parked more conflicts for manual resolution within the symptom window than the threshold; the
         *  lane is DEGRADED. */
        CONFLICTS_PARKED,
        /** Records wait in a lane's topics and it has committed nothing for longer than the threshold; the lane is
         *  DEGRADED. */
        STALLED,
        /** A lane has not known its lag (no partitions assigned and positioned) for longer than the threshold; the
         *  lane is DEGRADED. */
        LAG_UNKNOWN,
        /** A lane refused changes within the symptom window because capture sent a value in place of the source's
         *  (a MariaDB/MySQL zero or invalid date that Debezium's binlog reader sent as NULL or 1970-01-01, an ENUM
         *  or SET label it sent with {@code ?}, a PostgreSQL interval infinity sent as zero); any one raises it; the
         *  lane is DEGRADED. */
        VALUES_SUBSTITUTED,
        /** The last scheduled verify ({@code SyncConfig.verifySchedule}) found rows that differ between the sides and
         *  stayed so once the lanes had applied what was in flight; cleared by a verify that finds none. */
        VERIFY_DRIFT;

        /** Whether an open alert of this rule makes its lane DEGRADED (it tells what is wrong with the lane). */
        public boolean degradesLane() {
            return switch (this) {
                case LAG_RECORDS, LAG_SECONDS, DEAD_LETTERING, RETRYING, CONFLICTS_PARKED, STALLED, LAG_UNKNOWN,
                        VALUES_SUBSTITUTED -> true;
                default -> false;
            };
        }
    }

    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
    }

    /** The alert's identity: one alert per rule and subject is open at a time. */
    public String key() {
        return rule + ":" + subject;
    }
}

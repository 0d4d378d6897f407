package dev.bisync.testkit;

/**
 * One server of the embedded stack. A component keeps its port and its data across {@link #stop()} and
 * {@link #start()}, so a test can take it away and bring it back (a database outage, a broker restart).
 */
public interface StackComponent {

    /** A short human name, e.g. {@code "PostgreSQL 18.6"}. */
    String name();

    /** The TCP port clients connect to; fixed for the life of the stack. */
    int port();

    /** Whether the component is running. */
    boolean isRunning();

    /** Starts the component (again), on the same port and data. */
    void start();

    /** Stops the component, keeping its data. Stopping a stopped component does nothing. */
    void stop();
}

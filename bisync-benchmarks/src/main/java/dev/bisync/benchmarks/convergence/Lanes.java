package dev.bisync.benchmarks.convergence;

import java.util.List;

/** The sync's two lanes, wherever they run: in this JVM, or in a JVM of their own that can be killed. */
interface Lanes extends AutoCloseable {

    /** Starts the lanes and waits until both are UP. */
    void start() throws Exception;

    /** Kills the lanes' JVM without warning ({@code kill -9}) and starts it again, waiting until the lanes are UP. */
    void killAndRestart() throws Exception;

    /**
     * The lanes' accounting ({@code LaneAccounting} text, one line per lane and JVM life): what each lane did with
     * the records it consumed.
     */
    List<String> accounting();

    @Override
    void close();
}

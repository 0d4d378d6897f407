package dev.bisync.core.report;

import java.util.List;

/**
 * A Kafka Connect connector's state, as its REST API reports it.
 *
 * @param name           the connector
 * @param connectorState {@code RUNNING}, {@code PAUSED}, {@code FAILED}, {@code UNASSIGNED}, {@code STOPPED}, or
 *                       {@code MISSING} when Connect does not know it
 * @param taskStates     each task's state
 * @param trace          the first failure trace, or empty
 */
public record ConnectorStatus(String name, String connectorState, List<String> taskStates, String trace) {

    public ConnectorStatus {
        taskStates = List.copyOf(taskStates);
    }

    /** Whether the connector and all its (at least one) tasks run. */
    public boolean running() {
        return "RUNNING".equals(connectorState) && !taskStates.isEmpty()
                && taskStates.stream().allMatch("RUNNING"::equals);
    }

    /** Whether the connector or one of its tasks failed. */
    public boolean failed() {
        return "FAILED".equals(connectorState) || taskStates.contains("FAILED");
    }
}

package dev.bisync.api.config;

/**
 * How a lane settles a foreign-key conflict: a change the target's constraints refuse because of what the
 * <em>other</em> side did concurrently — a parent row deleted on one side while the other side added or moved a
 * child row to it. Chosen per relationship (child table and parent table, see
 * {@link SyncConfig.Builder#referenceRule(String, String, ReferenceRule)}); both lanes apply the same rule, each on
 * its own, and reach the same end state whatever order the changes meet in. Every such conflict is recorded in the
 * target's {@code bisync_conflicts}; none goes to the dead-letter topic.
 */
public enum ReferenceRule {

    /**
     * The delete wins: a late child is not written (or, when the target already holds it, removed with the rows
     * referring to it); a delete refused for children the target added removes them first. Both sides end without the
     * parent and without the children. The default.
     */
    DELETE_WINS,

    /**
     * The insert wins: a child whose parent the target deleted is written after the parent (and the parent's own
     * missing parents) is restored from the source side, which still holds it; a delete refused for children the target
     * added is not written. Both sides end with the parent and the children.
     */
    INSERT_WINS,

    /**
     * Neither is written: the delete refused for children, and the child whose parent is gone, are parked as manual
     * conflicts ({@code bisync conflicts}); resolving one settles the parent and its children on both sides.
     */
    PARK;

    /** The rule's name in a configuration file: {@code delete-wins}, {@code insert-wins}, {@code park}. */
    public String spec() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The rule a configuration file names.
     *
     * @throws IllegalArgumentException naming the rules there are
     */
    public static ReferenceRule ofSpec(String spec) {
        for (ReferenceRule rule : values()) {
            if (rule.spec().equals(spec == null ? null : spec.trim())) {
                return rule;
            }
        }
        throw new IllegalArgumentException("'" + spec + "' is not a foreign-key rule: use delete-wins, insert-wins "
                + "or park");
    }
}

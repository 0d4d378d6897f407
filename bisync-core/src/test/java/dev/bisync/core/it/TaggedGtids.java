package dev.bisync.core.it;

/**
 * Counts the transactions of one GTID tag in a MySQL GTID set, as {@code @@gtid_executed} shows it: UUID sets
 * separated by commas, each {@code <uuid>:<ranges>[:<tag>:<ranges>]...}, a tag naming the ranges after it (MySQL
 * 8.3+; tags are case-insensitive).
 */
final class TaggedGtids {

    private TaggedGtids() {
    }

    /** The number of transactions tagged {@code tag} in {@code gtidSet}. */
    static long count(String gtidSet, String tag) {
        long count = 0;
        for (String uuidSet : gtidSet.replace("\n", "").split(",")) {
            String[] parts = uuidSet.trim().split(":");
            String current = "";
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].trim();
                if (part.isEmpty()) {
                    continue;
                }
                if (!Character.isDigit(part.charAt(0))) {
                    current = part;
                } else if (current.equalsIgnoreCase(tag)) {
                    String[] range = part.split("-");
                    count += range.length == 1 ? 1 : Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
                }
            }
        }
        return count;
    }
}

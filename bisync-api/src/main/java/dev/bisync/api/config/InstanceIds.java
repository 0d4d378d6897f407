package dev.bisync.api.config;

import java.net.InetAddress;
import java.util.Locale;

/** The default {@link SyncConfig#instanceId()}: the host name, in the characters a member id may hold. */
final class InstanceIds {

    private InstanceIds() {
    }

    /** The host name (environment {@code HOSTNAME} or {@code COMPUTERNAME} first: no lookup), else "localhost". */
    static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            name = System.getenv("COMPUTERNAME");
        }
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | SecurityException e) {
                name = "localhost";
            }
        }
        String cleaned = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return cleaned.isEmpty() ? "localhost" : cleaned.substring(0, Math.min(100, cleaned.length()));
    }
}

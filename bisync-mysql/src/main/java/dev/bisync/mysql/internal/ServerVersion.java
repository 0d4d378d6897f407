package dev.bisync.mysql.internal;

import dev.bisync.api.BisyncException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL-family server's version, read from what the driver reports: {@code 8.4.3}, {@code 11.4.5-MariaDB-log},
 * or {@code 5.5.5-10.11.5-MariaDB} (MariaDB before 11 behind mysql-connector-j, which still sees the old
 * replication-protocol prefix).
 */
public record ServerVersion(int major, int minor) implements Comparable<ServerVersion> {

    private static final Pattern LEADING = Pattern.compile("^(\\d+)\\.(\\d+)");

    /** The version in a driver's product version string; a string without {@code major.minor} is refused. */
    public static ServerVersion parse(String productVersion) {
        String v = productVersion == null ? "" : productVersion.strip();
        if (v.startsWith("5.5.5-")) {
            v = v.substring("5.5.5-".length());
        }
        Matcher m = LEADING.matcher(v);
        if (!m.find()) {
            throw new BisyncException("cannot read a server version from '" + productVersion + "': expected "
                    + "<major>.<minor>, e.g. 11.4.5-MariaDB or 8.4.3");
        }
        return new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * Refuses a server older than the variant's minimum, with a message naming the minimum and why.
     *
     * @throws BisyncException when the server is too old or its version cannot be read
     */
    public static ServerVersion requireSupported(MySqlVariant variant, String productVersion) {
        ServerVersion version = parse(productVersion);
        if (version.compareTo(variant.minimum()) < 0) {
            throw new BisyncException(variant.product() + " " + productVersion + " is not supported: bisync needs "
                    + variant.product() + " " + variant.minimum() + " or newer (" + variant.whyMinimum() + ")");
        }
        return version;
    }

    @Override
    public int compareTo(ServerVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

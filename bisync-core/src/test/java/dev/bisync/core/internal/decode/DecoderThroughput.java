package dev.bisync.core.internal.decode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: measures {@link DebeziumDecoder} on one thread over 200,000 records built from the captured fixtures
 * (the change events of the PostgreSQL and MariaDB connectors: a 40-column and a 37-column table of every type, a
 * TOAST update and small parent/child rows), after a warm-up; then each table's records alone. Prints events per
 * second, by the wall clock and by the thread's CPU time (which a busy machine does not inflate).
 * <pre>{@code
 * ./mvnw -B -o -q -pl bisync-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.bisync.core.internal.decode.DecoderThroughput [-Dexec.args=schemaless]
 * }</pre>
 * With the argument {@code schemaless} it measures the same records as written without schemas.
 */
public final class DecoderThroughput {

    private static final int RECORDS = 200_000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final List<String> TABLES = List.of(
            "deccappg/deccappg.public.dec_pg_types.json",
            "deccappg/deccappg.public.dec_pg_toast.json",
            "deccappg/deccappg.public.dec_pg_parent.json",
            "deccappg/deccappg.public.dec_pg_child.json",
            "deccapmaria/deccapmaria.app.dec_maria_types.json",
            "deccapmaria/deccapmaria.app.dec_maria_parent.json",
            "deccapmaria/deccapmaria.app.dec_maria_child.json");

    private DecoderThroughput() {
    }

    public static void main(String[] args) {
        boolean schemaless = args.length > 0 && "schemaless".equals(args[0]);
        List<List<Fixtures.Fixture>> tables = new ArrayList<>();
        List<Fixtures.Fixture> all = new ArrayList<>();
        for (String file : TABLES) {
            List<Fixtures.Fixture> records = new ArrayList<>();
            for (Fixtures.Fixture f : Fixtures.load(file)) {
                if (f.value() != null) {
                    records.add(schemaless ? f.schemaless() : f);
                }
            }
            tables.add(records);
            all.addAll(records);
        }
        DebeziumDecoder decoder = new DebeziumDecoder();
        run(decoder, all, RECORDS); // warm-up: JIT and the schema cache
        report(schemaless ? "all tables, without schemas" : "all tables, with schemas", decoder, all, RECORDS);
        for (int i = 0; i < tables.size(); i++) {
            report(TABLES.get(i), decoder, tables.get(i), RECORDS / 4);
        }
    }

    private static void report(String what, DebeziumDecoder decoder, List<Fixtures.Fixture> records, int count) {
        long bytes = 0;
        for (Fixtures.Fixture r : records) {
            bytes += r.value().length + (r.key() == null ? 0 : r.key().length);
        }
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        run(decoder, records, count);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%-50s %6d records, %5d bytes avg: %7.0f events/s, %6.2f us/event "
                        + "(CPU time: %7.0f events/s, %6.2f us/event)%n", what, count, bytes / records.size(),
                count / seconds, seconds * 1e6 / count, count / cpuSeconds, cpuSeconds * 1e6 / count);
    }

    private static void run(DebeziumDecoder decoder, List<Fixtures.Fixture> records, int count) {
        int changes = 0;
        for (int i = 0; i < count; i++) {
            Fixtures.Fixture r = records.get(i % records.size());
            if (decoder.decode(r.topic(), r.key(), r.value()) instanceof Decoded.Change) {
                changes++;
            }
        }
        if (changes != count) {
            throw new IllegalStateException(count - changes + " records were no change events");
        }
    }
}

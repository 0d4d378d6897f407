package dev.bisync.core.internal.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders {@code docs/configuration.md} from the declared keys ({@link SyncConfigKeys}); {@code ConfigDocTest}
 * fails when the committed file differs, and says how to write it again.
 */
public final class ConfigDoc {

    /** The example the document opens with; {@code ConfigDocTest} checks that it loads. */
    public static final String EXAMPLE = """
            name=shop
            kafka.bootstrap.servers=kafka1:9092
            side.a.name=mariadb
            side.a.jdbc-url=jdbc:mariadb://db1:3306/shop
            side.a.user=bisync
            side.a.password-env=BISYNC_MARIADB_PASSWORD
            side.a.namespace=shop
            side.a.topic-prefix=shopmaria
            side.a.tables=orders,customers
            side.b.name=postgres
            side.b.jdbc-url=jdbc:postgresql://db2:5432/shop
            side.b.user=bisync
            side.b.password-env=BISYNC_POSTGRES_PASSWORD
            side.b.namespace=public
            side.b.topic-prefix=shoppg
            side.b.tables=orders,customers
            conflict.strategy.orders=ranked:status:pending<paid<shipped<delivered | last-write-wins
            """;

    private ConfigDoc() {
    }

    /** The command that writes the document again from the declarations. */
    public static final String REGENERATE = "./mvnw -B -o test -pl bisync-core -am -Dtest=ConfigDocTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dbisync.write-docs=true";

    /** The whole document, in Markdown. */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("""
                # Configuration file

                <!-- Generated from the declarations in SyncConfigKeys (bisync-core, dev.bisync.core.internal.config);
                     do not edit here. Write it again with: %s -->

                A sync's configuration as a properties file, read by `SyncConfigFile.load(path)` and by the `bisync`
                command line. Each key below sets one `SyncConfig.Builder` option; a key not listed here is an error
                (a typo must not pass silently), and every problem of a file is reported at once. A placeholder in
                angle brackets stands for `a` or `b` (`<a|b>`) or for a name you choose: a table, a property.

                ```properties
                """.formatted(REGENERATE)).append(EXAMPLE).append("```\n");
        Map<String, ValueType<?>> types = new LinkedHashMap<>();
        for (SyncConfigKeys.Section section : SyncConfigKeys.SECTIONS) {
            md.append("\n## ").append(section.title()).append("\n\n");
            md.append("| key | type | default | what it sets |\n|---|---|---|---|\n");
            for (ConfigKey<?> key : section.keys()) {
                types.putIfAbsent(key.type().name(), key.type());
                md.append("| `").append(key.name().replace("|", "\\|")).append("` | ").append(cell(key.type().name()))
                        .append(" | ").append(cell(key.defaultText())).append(" | ").append(cell(key.doc()))
                        .append(" |\n");
            }
        }
        md.append("\n## Types\n\n| type | written as |\n|---|---|\n");
        types.forEach((name, type) -> md.append("| ").append(cell(name)).append(" | ").append(cell(type.form()))
                .append(" |\n"));
        return md.toString();
    }

    /** Text that a Markdown table cell shows as it is. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}

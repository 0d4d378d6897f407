package dev.bisync.core.internal.config;

import dev.bisync.api.config.SyncConfig;
import dev.bisync.core.SyncConfigFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ConfigDocTest {

    /** docs/configuration.md, from the module's directory (surefire's {@code basedir}). */
    private static final Path DOC = Path.of(System.getProperty("basedir", "."), "..", "docs", "configuration.md")
            .normalize();

    @Test
    void committedDocIsWhatTheDeclarationsRender() throws IOException {
        String rendered = ConfigDoc.render();
        if (Boolean.getBoolean("bisync.write-docs")) {
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (!rendered.equals(committed)) {
            fail(DOC + " differs from the declarations in SyncConfigKeys (" + firstDifference(rendered, committed)
                    + "): write it again with\n  " + ConfigDoc.REGENERATE + "\nand commit it");
        }
    }

    private static String firstDifference(String rendered, String committed) {
        List<String> want = rendered.lines().toList();
        List<String> have = committed.lines().toList();
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String w = i < want.size() ? want.get(i) : "(end)";
            String h = i < have.size() ? have.get(i) : "(end)";
            if (!w.equals(h)) {
                return "line " + (i + 1) + " is\n  " + h + "\nwhere the declarations give\n  " + w + "\n";
            }
        }
        return "line ends differ";
    }

    @Test
    void everyDeclaredKeyIsDocumentedWithItsDefault() {
        String doc = ConfigDoc.render();
        for (ConfigKey<?> key : SyncConfigKeys.ALL) {
            assertTrue(doc.contains("| `" + key.name().replace("|", "\\|") + "` |"), key + " is not in the doc");
            assertTrue(!key.doc().isBlank() && !key.defaultText().isBlank(), key + " has no doc or no default");
        }
        assertTrue(doc.contains("| `poll-timeout` | duration | 50ms |"), doc);
        assertTrue(doc.contains("| `batch-size` | int | " + SyncConfig.DEFAULT_BATCH_SIZE + " |"), doc);
    }

    @Test
    void theDocsExampleIsAFileThatLoads() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(ConfigDoc.EXAMPLE));
        SyncConfig config = SyncConfigFile.parse(p, variable -> "pw-" + variable, "docs/configuration.md");
        assertEquals("shop", config.name());
        assertTrue(config.conflictStrategy("orders").toString().startsWith("ranked(status"), config.toString());
    }
}

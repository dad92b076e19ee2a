package dev.wenku.e2e.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wenku.infrastructure.launcher.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated pages of docs/ say what the code says: the build fails when a setting, a default or an error code
 * changed without {@code ./wenku docs}, which runs this test with {@code -Dwenku.docs.write=true} to write them.
 */
class GeneratedDocsTest {

    @Test
    void theConfigurationAndErrorPagesAreUpToDate() throws Exception {
        Path root = ProjectLayout.locate().root();
        Map<Path, String> pages = new LinkedHashMap<>();
        pages.put(root.resolve("docs/configuration.md"), ConfigurationDocs.render(root));
        pages.put(root.resolve("docs/errors.md"), ErrorDocs.render());
        for (Map.Entry<Path, String> page : pages.entrySet()) {
            if (Boolean.getBoolean("wenku.docs.write")) {
                Files.writeString(page.getKey(), page.getValue());
                System.out.println("Wrote " + page.getKey());
            } else {
                String committed = Files.exists(page.getKey()) ? Files.readString(page.getKey()) : "";
                assertEquals(page.getValue(), committed, root.relativize(page.getKey())
                    + " is not what the code says: run ./wenku docs and commit the result");
            }
        }
    }
}

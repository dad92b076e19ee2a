package dev.wenku.benchmarks;

import dev.wenku.testsupport.SeedCorpus;
import dev.wenku.text.Compilation;
import dev.wenku.text.CompilationSplitter;
import dev.wenku.text.Essay;
import dev.wenku.text.SimplifiedScript;
import dev.wenku.text.TextRepair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The seed compilation as the pipeline sees it: repaired, split into essays, in Simplified script. */
final class SeedEssays {

    static final String DEFAULT_SEED = SeedCorpus.RELATIVE;

    /** One essay, title and body in Simplified script. */
    record SimplifiedEssay(String title, String body) {
    }

    private SeedEssays() {
    }

    static List<SimplifiedEssay> load(Path seed) {
        String raw;
        try {
            raw = Files.readString(seed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed " + seed.toAbsolutePath(), e);
        }
        Compilation compilation = CompilationSplitter.split(TextRepair.repair(raw).text());
        return compilation.essays().stream()
            .map((Essay essay) -> new SimplifiedEssay(SimplifiedScript.of(essay.title()), SimplifiedScript.of(essay.body())))
            .toList();
    }

    /** The file below the working directory or one of its parents (scripts run from the root, Maven from modules). */
    static Path locate(String relative) {
        return SeedCorpus.locate(relative);
    }
}

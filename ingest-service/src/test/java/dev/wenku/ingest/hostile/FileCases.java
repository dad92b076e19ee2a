package dev.wenku.ingest.hostile;

import static dev.wenku.ingest.hostile.HostileDocuments.GIGABYTE;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Hostile files: random bytes under every extension, truncated PDFs, zip-bomb and oversized Word documents, deeply
 * nested HTML. Those of a type Tika parses are expensive (a worker JVM parses each) and few.
 */
final class FileCases {

    private static final Set<String> MALFORMED = Set.of("malformed_file");
    private static final List<String> UNSUPPORTED_NAMES = List.of("a.exe", "b.bin", "c.zip", "d.png", "e.doc.gz",
        "noextension", "f.", ".hidden", "g.json", "h.xml", "i.csv", "j.rtf", "k.odt", "l.epub", "报告.xlsx");

    private final byte[] essayPdf;
    private final byte[] essayDocx;
    private final Map<String, byte[]> zipBombs = new LinkedHashMap<>();

    FileCases(byte[] essayPdf, byte[] essayDocx) {
        this.essayPdf = essayPdf;
        this.essayDocx = essayDocx;
    }

    /** Never parsed: the extension alone decides that the type is not supported. */
    static void unsupportedType(Random random, Consumer<HostileCase> out) {
        String name = UNSUPPORTED_NAMES.get(random.nextInt(UNSUPPORTED_NAMES.size()));
        byte[] bytes = HostileBytes.random(random, HostileBytes.length(random, 64 * 1024));
        out.accept(HostileCase.cheap("file.unsupportedType", name + ", " + bytes.length + " random bytes", 415,
            Set.of("unsupported_type"), Uploads.file(name, bytes)));
    }

    void randomDocument(Random random, Consumer<HostileCase> out) {
        String extension = List.of("docx", "pdf").get(random.nextInt(2));
        byte[] bytes = HostileBytes.random(random, 16 + HostileBytes.length(random, 256 * 1024));
        out.accept(HostileCase.extracted("file.random" + capitalised(extension), "random " + bytes.length
            + " bytes as ." + extension, 400, MALFORMED, Uploads.file("random." + extension, bytes)));
    }

    /**
     * Random bytes named .html are read as an HTML page in some 8-bit or multibyte encoding; what comes out is not
     * text in any supported encoding.
     */
    void randomHtml(Random random, Consumer<HostileCase> out) {
        byte[] bytes = HostileBytes.undecodable(random, HostileBytes.random(random, 64 + HostileBytes.length(random, 64 * 1024)));
        out.accept(HostileCase.extracted("file.randomHtml", "random " + bytes.length + " bytes as .html", 400,
            Set.of("undecodable_text"), Uploads.file("random.html", bytes)));
    }

    void truncatedPdf(Random random, Consumer<HostileCase> out) {
        int cut = 1 + random.nextInt(essayPdf.length - 8);
        out.accept(HostileCase.extracted("file.truncatedPdf", "essay.pdf cut after " + cut + " of " + essayPdf.length
            + " bytes", 400, MALFORMED, Uploads.file("cut.pdf", Arrays.copyOf(essayPdf, cut))));
    }

    /** Valid zips whose document.xml inflates to a gigabyte, at ratios near deflate's maximum (~1000:1). */
    void zipBombDocx(Random random, Consumer<HostileCase> out) {
        String variant = List.copyOf(zipBombVariants().keySet()).get(random.nextInt(zipBombVariants().size()));
        byte[] bomb = zipBombVariants().get(variant);
        out.accept(HostileCase.extracted("file.zipBombDocx", variant + " (" + bomb.length + " bytes on the wire)",
            422, Set.of("unprocessable_file"), Uploads.file("bomb" + random.nextInt(100) + ".docx", bomb)));
    }

    /** An honest docx (no bomb: it compresses 2:1) whose text is far over max-document-size (256 KB). */
    void hugeDocx(Random random, Consumer<HostileCase> out) {
        int chars = 800_000 + random.nextInt(400_000);
        byte[] docx = HostileDocuments.longText(essayDocx, random, chars);
        out.accept(HostileCase.extracted("file.hugeDocx", chars + " characters of text (" + 3 * chars
            + " bytes in UTF-8) in a " + docx.length + "-byte docx", 413, Set.of("document_too_large"),
            Uploads.file("long.docx", docx)));
    }

    static void deepHtml(Random random, Consumer<HostileCase> out) {
        int depth = random.nextBoolean() ? 100_000 : 1_000 + random.nextInt(99_000);
        String element = List.of("div", "span", "table", "b", "x-custom").get(random.nextInt(5));
        byte[] page = HostileDocuments.deepHtml(depth, element, random.nextBoolean() ? "" : "&nbsp; \u200B");
        out.accept(HostileCase.extracted("file.deepHtml", depth + " nested <" + element + "> and no text, "
            + page.length + " bytes", 400, Set.of("empty_body"), Uploads.file("deep.html", page)));
    }

    private synchronized Map<String, byte[]> zipBombVariants() {
        if (zipBombs.isEmpty()) {
            zipBombs.put("one text run of 1 GiB of 'a'",
                HostileDocuments.zipBomb(essayDocx, "<w:p><w:r><w:t>", "a", "</w:t></w:r></w:p>", GIGABYTE));
            zipBombs.put("1 GiB of repeated paragraphs",
                HostileDocuments.zipBomb(essayDocx, "", "<w:p><w:r><w:t>新质生产力</w:t></w:r></w:p>", "", GIGABYTE));
            zipBombs.put("1 GiB of whitespace between elements",
                HostileDocuments.zipBomb(essayDocx, "<w:p>", " ", "</w:p>", GIGABYTE));
        }
        return zipBombs;
    }

    private static String capitalised(String extension) {
        return Character.toUpperCase(extension.charAt(0)) + extension.substring(1);
    }
}

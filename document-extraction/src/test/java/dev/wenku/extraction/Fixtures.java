package dev.wenku.extraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test files: the committed ones of test-support's {@code documents/}, and the ones too big to commit, made on demand. */
final class Fixtures {

    static final String TITLE = "新质生产力学习心得";
    /** The author in the metadata of the HTML page (UTF-8), the docx and the PDF. */
    static final String AUTHOR = "王编辑";
    static final String FIRST_PARAGRAPH = "培育和发展新质生产力是一项复杂而系统的工程，需要各方主体协同高效配合。";
    static final String LAST_PARAGRAPH = "发展新质生产力要坚持从实际出发，先立后破、因地制宜、分类指导，防止一哄而上、泡沫化，也不要搞一种模式。";
    /** Only in the GB18030 page: characters outside GB2312. */
    static final String TRADITIONAL = "繁體字寫作「新質生產力」，發展新質生產力是推動高質量發展的內在要求。";

    private Fixtures() {
    }

    /** Fixture {@code documents/<name>} of test-support (its README.md says how each was made). */
    static byte[] file(String name) {
        return dev.wenku.testsupport.Fixtures.bytes("documents/" + name);
    }

    /** The text without any whitespace, so PDF line breaks inside sentences do not matter. */
    static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }

    /**
     * A docx whose document.xml is {@code inflatedBytes} of one repeated character in a single text run:
     * a gigabyte deflates to about a megabyte.
     */
    static Path zipBombDocx(Path directory, long inflatedBytes) throws IOException {
        Path docx = directory.resolve("bomb.docx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(docx))) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/word/document.xml"
                      ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
                    + "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"));
            // A 3-byte period lets deflate use its cheapest back-references: close to its 1032:1 maximum.
            byte[] chunk = utf8("新".repeat(1 << 18));
            for (long written = 0; written < inflatedBytes; written += chunk.length) zip.write(chunk);
            zip.write(utf8("</w:t></w:r></w:p></w:body></w:document>"));
            zip.closeEntry();
        }
        return docx;
    }

    /** A legitimate page that takes seconds to parse: millions of small elements. */
    static byte[] hugeHtml(int elements) {
        ByteArrayOutputStream html = new ByteArrayOutputStream(elements * 30);
        html.writeBytes(utf8("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>长页</title></head><body>"));
        byte[] element = utf8("<div><span>新</span></div>\n");
        for (int i = 0; i < elements; i++) html.writeBytes(element);
        html.writeBytes(utf8("</body></html>"));
        return html.toByteArray();
    }

    /** True while the process runs; a zombie left for a reaper counts as gone. */
    static boolean isRunning(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return false;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException e) {
            return !Files.isDirectory(Path.of("/proc", Long.toString(pid))) && process.get().isAlive();
        }
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(utf8(content));
        zip.closeEntry();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

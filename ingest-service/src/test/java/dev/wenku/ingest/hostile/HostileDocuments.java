package dev.wenku.ingest.hostile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Word documents and HTML pages built to hurt a parser: zip bombs, text beyond the limits, absurd nesting. */
final class HostileDocuments {

    static final long GIGABYTE = 1L << 30;
    private static final String DOCUMENT_XML = "word/document.xml";
    private static final byte[] DOCUMENT_START = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
        .getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOCUMENT_END = "<w:sectPr/></w:body></w:document>".getBytes(StandardCharsets.UTF_8);

    private HostileDocuments() {
    }

    /** A docx whose document.xml holds {@code inflated} bytes of {@code unit} repeated, between a start and an end. */
    static byte[] zipBomb(byte[] template, String start, String unit, String end, long inflated) {
        byte[] startBytes = start.getBytes(StandardCharsets.UTF_8);
        byte[] unitBytes = unit.getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[unitBytes.length * Math.max(1, (1 << 16) / unitBytes.length)];
        for (int i = 0; i < chunk.length; i += unitBytes.length) {
            System.arraycopy(unitBytes, 0, chunk, i, unitBytes.length);
        }
        return docx(template, Deflater.BEST_COMPRESSION, xml -> {
            xml.write(DOCUMENT_START);
            xml.write(startBytes);
            for (long written = 0; written < inflated; written += chunk.length) {
                xml.write(chunk);
            }
            xml.write(end.getBytes(StandardCharsets.UTF_8));
            xml.write(DOCUMENT_END);
        });
    }

    /** A docx of {@code chars} random frequent Chinese characters in paragraphs: compresses about 2:1, no bomb. */
    static byte[] longText(byte[] template, Random random, int chars) {
        String alphabet = HostileBytes.SIMPLIFIED.replaceAll("[，。]", "");
        return docx(template, Deflater.DEFAULT_COMPRESSION, xml -> {
            xml.write(DOCUMENT_START);
            StringBuilder paragraph = new StringBuilder();
            for (int written = 0; written < chars; ) {
                paragraph.setLength(0);
                paragraph.append("<w:p><w:r><w:t>");
                for (int i = 0; i < 500; i++, written++) {
                    paragraph.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                paragraph.append("。</w:t></w:r></w:p>");
                xml.write(paragraph.toString().getBytes(StandardCharsets.UTF_8));
            }
            xml.write(DOCUMENT_END);
        });
    }

    static byte[] withParagraph(byte[] template, String text) {
        byte[] paragraph = ("<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>").getBytes(StandardCharsets.UTF_8);
        return docx(template, Deflater.DEFAULT_COMPRESSION, xml -> {
            xml.write(DOCUMENT_START);
            xml.write(paragraph);
            xml.write(DOCUMENT_END);
        });
    }

    /** An HTML page of {@code depth} nested elements, with text only at the bottom or none at all. */
    static byte[] deepHtml(int depth, String element, String innermostText) {
        String open = "<" + element + ">";
        String close = "</" + element + ">";
        return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + open.repeat(depth)
            + innermostText + close.repeat(depth) + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    interface XmlWriter {
        void write(OutputStream xml) throws IOException;
    }

    /** The template's entries, with its document.xml replaced. */
    private static byte[] docx(byte[] template, int level, XmlWriter document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setLevel(level);
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(DOCUMENT_XML)) {
                    document.write(out);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

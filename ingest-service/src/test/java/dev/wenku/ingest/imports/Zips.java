package dev.wenku.ingest.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zips made in memory for the tests, entries in the order added; a name ending in {@code /} is a directory. */
final class Zips {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    Zips add(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    Zips add(String name, String utf8) {
        return add(name, utf8.getBytes(StandardCharsets.UTF_8));
    }

    Zips directory(String name) {
        return add(name, new byte[0]);
    }

    /** Names in UTF-8, marked as such (general purpose flag bit 11), as Java and most tools write them. */
    byte[] bytes() {
        return bytes(StandardCharsets.UTF_8);
    }

    /**
     * Names encoded in {@code names}; any other charset than UTF-8 leaves them unmarked, as Windows' zip tool does
     * (GBK on a Chinese system), or as some tools write UTF-8 ({@link ZipNameCharset#INSTANCE} encodes UTF-8).
     */
    byte[] bytes(Charset names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, names)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

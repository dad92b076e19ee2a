package dev.wenku.infrastructure.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Files of a folder as the bytes of a zip, made while they are read: whenever the reader has taken what there is, the
 * next file is deflated into a buffer, so memory holds one compressed file at a time however large the folder, and
 * nothing is written to disk. Entries are named by their path under the folder, with {@code /} and in UTF-8 (marked
 * as such in the zip). Pull-based on the reader's thread, unlike a pipe fed by a thread of its own, which the HTTP
 * client's changing threads would break.
 */
final class ZippedFolder extends InputStream {

    private final Path folder;
    private final Iterator<Path> files;
    private final Buffer buffer = new Buffer();
    private final ZipOutputStream zip = new ZipOutputStream(buffer, StandardCharsets.UTF_8);
    private byte[] chunk = new byte[0];
    private int at;
    private boolean finished;

    ZippedFolder(Path folder, List<Path> files) {
        this.folder = folder;
        this.files = files.iterator();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (at == chunk.length) {
            if (finished) {
                return -1;
            }
            zipNext();
        }
        int n = Math.min(length, chunk.length - at);
        System.arraycopy(chunk, at, into, offset, n);
        at += n;
        return n;
    }

    /** Deflates the next file into the buffer, or, after the last, the zip's central directory. */
    private void zipNext() throws IOException {
        if (files.hasNext()) {
            Path file = files.next();
            zip.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
            Files.copy(file, zip);
            zip.closeEntry();
        } else {
            zip.close();
            finished = true;
        }
        chunk = buffer.drain();
        at = 0;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        chunk = new byte[0];
        at = 0;
    }

    /** The zip's output so far, taken out whole each time. */
    private static final class Buffer extends ByteArrayOutputStream {

        byte[] drain() {
            byte[] bytes = toByteArray();
            reset();
            return bytes;
        }
    }
}

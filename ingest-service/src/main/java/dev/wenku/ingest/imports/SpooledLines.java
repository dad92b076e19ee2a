package dev.wenku.ingest.imports;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lines of a spooled import body from a byte position on, each with the position after it (where the next line
 * starts, which a batch commits as the import's progress). A line longer than the limit is not held in memory: it is
 * skipped to its end and reported as too long.
 */
final class SpooledLines implements Closeable {

    /** One line: its bytes without the line break (null when longer than the limit) and the position after it. */
    record Line(byte[] bytes, long end) {

        boolean tooLong() {
            return bytes == null;
        }
    }

    private final InputStream in;
    private final int limit;
    private long position;

    SpooledLines(Path file, long position, int limit) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(position);
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        this.limit = limit;
        this.position = position;
    }

    /** The next line, or null at the end of the body (a last line without a line break counts). */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        boolean any = false;
        for (int b = in.read(); b >= 0; b = in.read()) {
            position++;
            any = true;
            if (b == '\n') {
                return new Line(tooLong ? null : trimCarriageReturn(line.toByteArray()), position);
            }
            if (!tooLong) {
                line.write(b);
                if (line.size() > limit) {
                    tooLong = true;
                    line = new ByteArrayOutputStream();
                }
            }
        }
        return any ? new Line(tooLong ? null : trimCarriageReturn(line.toByteArray()), position) : null;
    }

    private static byte[] trimCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? java.util.Arrays.copyOf(line, line.length - 1) : line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

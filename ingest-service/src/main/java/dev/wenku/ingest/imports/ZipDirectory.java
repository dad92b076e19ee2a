package dev.wenku.ingest.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipException;

/**
 * What a zip's end record says about its central directory (its table of contents): how many entries it lists and
 * how many bytes it takes. Read before {@link java.util.zip.ZipFile} opens the zip, because that reads the whole
 * directory into one array: a zip could otherwise claim a directory as large as itself (entries with 64 KiB names,
 * extra fields and comments) and have the service allocate it. The end record is found as {@code ZipFile} finds it
 * (the last one from the end that is consistent, then its ZIP64 record when there is one), so the numbers checked are
 * the ones it goes on to use.
 *
 * @param entries the entries the directory lists
 * @param size    the directory's size in bytes
 */
record ZipDirectory(long entries, long size) {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_END_LENGTH = 56;
    private static final long MAGIC_VALUE = 0xFFFFFFFFL;
    private static final long MAGIC_COUNT = 0xFFFF;

    /**
     * Reads the end record of {@code zip}.
     *
     * @throws ZipException when the file has none, i.e. is not a zip
     */
    static ZipDirectory of(Path zip) throws IOException {
        try (FileChannel file = FileChannel.open(zip, StandardOpenOption.READ)) {
            long length = file.size();
            int tail = (int) Math.min(length, END_LENGTH + MAX_COMMENT);
            ByteBuffer end = read(file, length - tail, tail);
            for (int at = tail - END_LENGTH; at >= 0; at--) {
                if (end.getInt(at) != END_SIGNATURE) {
                    continue;
                }
                long position = length - tail + at;
                long entries = end.getShort(at + 10) & MAGIC_COUNT;
                long size = end.getInt(at + 12) & MAGIC_VALUE;
                long offset = end.getInt(at + 16) & MAGIC_VALUE;
                int comment = end.getShort(at + 20) & 0xFFFF;
                if (position + END_LENGTH + comment != length && !consistent(file, position, size, offset)) {
                    continue;
                }
                ZipDirectory zip64 = zip64(file, position, entries, size, offset);
                return zip64 != null ? zip64 : new ZipDirectory(entries, size);
            }
            throw new ZipException("it has no end of central directory record");
        }
    }

    /** An end record not at the very end is taken when the directory and first entry are where it says. */
    private static boolean consistent(FileChannel file, long position, long size, long offset) throws IOException {
        long directory = position - size;
        long first = directory - offset;
        return directory >= 0 && first >= 0 && signature(file, directory) == CENTRAL_SIGNATURE
            && signature(file, first) == LOCAL_SIGNATURE;
    }

    /** The ZIP64 end record's numbers, when there is one that agrees with the end record; otherwise null. */
    private static ZipDirectory zip64(FileChannel file, long position, long entries, long size, long offset)
        throws IOException {
        if (position < ZIP64_LOCATOR_LENGTH) {
            return null;
        }
        ByteBuffer locator = read(file, position - ZIP64_LOCATOR_LENGTH, ZIP64_LOCATOR_LENGTH);
        if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            return null;
        }
        long at = locator.getLong(8);
        if (at < 0 || at + ZIP64_END_LENGTH > file.size()) {
            return null;
        }
        ByteBuffer end = read(file, at, ZIP64_END_LENGTH);
        if (end.getInt(0) != ZIP64_END_SIGNATURE) {
            return null;
        }
        long entries64 = end.getLong(32);
        long size64 = end.getLong(40);
        long offset64 = end.getLong(48);
        boolean agrees = (size64 == size || size == MAGIC_VALUE) && (offset64 == offset || offset == MAGIC_VALUE)
            && (entries64 == entries || entries == MAGIC_COUNT);
        return agrees ? new ZipDirectory(entries64, size64) : null;
    }

    private static int signature(FileChannel file, long position) throws IOException {
        return position + 4 > file.size() ? 0 : read(file, position, 4).getInt(0);
    }

    private static ByteBuffer read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new ZipException("it ends early");
            }
        }
        return buffer;
    }
}

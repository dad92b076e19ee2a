package dev.wenku.ingest.dropfolder;

import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.support.problem.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Reads a dropped file's bytes, within bounds. Whoever can write into the drop folder must not be able to make the
 * service read what they could not: a symbolic link (to {@code /etc/shadow}, to a key file) is refused and never
 * opened, so its target's content cannot end up stored and searchable. A device or a named pipe is refused too
 * (reading one could block a worker forever). And the size is checked against {@code wenku.ingest.max-file-size},
 * the limit of a file upload, before any byte is read, so a huge file costs no memory.
 */
final class DroppedFileReader {

    /** The largest byte array the JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final long maxBytes;

    DroppedFileReader(long maxBytes) {
        this.maxBytes = Math.min(maxBytes, MAX_ARRAY);
    }

    /**
     * @throws UploadRejectedException the file is a link or not a regular file, or larger than allowed
     * @throws IOException             it could not be read (the next scan tries again)
     */
    byte[] read(Path file) throws IOException {
        String name = file.getFileName().toString();
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new UploadRejectedException(ErrorCode.UNSUPPORTED_TYPE, name + " is a symbolic link; the drop"
                + " folder does not follow links. Copy or move the file itself into the folder.");
        }
        if (!attributes.isRegularFile()) {
            throw new UploadRejectedException(ErrorCode.UNSUPPORTED_TYPE, name + " is not a regular file.");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(name + " has " + attributes.size() + " bytes");
        }
        // O_NOFOLLOW: a file swapped for a link since the check above is not opened either.
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
             InputStream in = Channels.newInputStream(channel)) {
            // The file may have grown since: never more than one byte past the limit is read.
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(name + " grew to more than " + maxBytes + " bytes while it was read");
            }
            return bytes;
        }
    }

    private UploadRejectedException tooLarge(String what) {
        return new UploadRejectedException(ErrorCode.FILE_TOO_LARGE, what + "; the limit is " + maxBytes
            + " bytes (wenku.ingest.max-file-size).");
    }
}

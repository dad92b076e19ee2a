package dev.wenku.ingest.imports;

import dev.wenku.ingest.documents.DocumentIngestion;
import dev.wenku.ingest.documents.IncomingText;
import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.ingest.documents.PreparedUpload;
import dev.wenku.ingest.documents.UploadValidator;
import dev.wenku.ingest.files.DecodedFile;
import dev.wenku.ingest.files.FileDecoder;
import dev.wenku.ingest.originals.OriginalUpload;
import dev.wenku.support.problem.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of a zip import, each stored as a single file upload stores it (any format {@link FileDecoder} reads),
 * with {@code import/<import name>/<path in the zip>} as its source and the entry's bytes kept as its original. The
 * position is the index of the next entry in the zip's central directory, which {@link ZipFile} holds in memory: a
 * source opens at any position by walking the directory, without inflating a byte of the entries before it.
 *
 * <p>Zip bombs: an entry is read through a bound of {@code wenku.ingest.max-file-size} (what it claims to inflate to is
 * not trusted), and one that inflates to more is rejected ({@code file_too_large}) as soon as the bound is passed,
 * without inflating the rest of it. The number of entries and the directory's size are checked when the zip arrives
 * ({@link ZipDirectory}). A corrupt entry is a rejection ({@code malformed_file}); the others are still read.
 */
final class ZipSource implements ImportSource {

    /** What storing a file takes. */
    record Context(FileDecoder files, UploadValidator validator, DocumentIngestion ingestion, long maxFileSize) {
    }

    private final ZipFile zip;
    private final Enumeration<? extends ZipEntry> entries;
    private final Context context;
    private final String sourcePrefix;
    private final String user;
    private long index;

    /**
     * @param label what the documents' sources name the zip by (the import's name, or its id)
     */
    ZipSource(Path spooled, long position, Context context, String label, String user) throws IOException {
        this.zip = new ZipFile(spooled.toFile(), ZipNameCharset.INSTANCE);
        this.entries = zip.entries();
        this.context = context;
        this.sourcePrefix = "import/" + label + "/";
        this.user = user;
        while (index < position && entries.hasMoreElements()) {
            entries.nextElement();
            index++;
        }
    }

    /** The files of {@code zip} an import counts: every entry but directories and hidden files. */
    static int files(ZipFile zip) {
        return (int) zip.stream().filter(entry -> ZipEntryPath.of(entry.getName()) != ZipEntryPath.SKIPPED).count();
    }

    @Override
    public Item next() {
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            index++;
            ZipEntryPath kind = ZipEntryPath.of(entry.getName());
            if (kind != ZipEntryPath.SKIPPED) {
                return new FileItem(entry, kind, index);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private final class FileItem implements Item {

        private final ZipEntry entry;
        private final ZipEntryPath kind;
        private final long end;

        FileItem(ZipEntry entry, ZipEntryPath kind, long end) {
            this.entry = entry;
            this.kind = kind;
            this.end = end;
        }

        @Override
        public long end() {
            return end;
        }

        @Override
        public String fileName() {
            return entry.getName();
        }

        @Override
        public PreparedUpload prepare(int number) {
            if (kind == ZipEntryPath.UNSAFE) {
                throw new UploadRejectedException(ErrorCode.INVALID_REQUEST, entry.getName() + " points outside the"
                    + " zip (an absolute path or ..): it is not imported.");
            }
            String path = ZipEntryPath.normalized(entry.getName());
            byte[] bytes = read(path);
            DecodedFile decoded = context.files().decode(path, bytes);
            return context.ingestion().prepare(IncomingText.ofFile(decoded, sourcePrefix + path,
                new OriginalUpload(ZipEntryPath.baseName(path), decoded.mediaType(), bytes),
                context.validator().split(null), user));
        }

        /** The entry's bytes, read no further than one byte past the limit of a single file upload. */
        private byte[] read(String path) {
            long limit = context.maxFileSize();
            byte[] bytes;
            try (InputStream in = zip.getInputStream(entry)) {
                bytes = entry.getSize() > limit ? null : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            } catch (IOException e) {
                throw new UploadRejectedException(ErrorCode.MALFORMED_FILE, path + " cannot be read from the zip: "
                    + e.getMessage());
            }
            if (bytes == null || bytes.length > limit) {
                throw new UploadRejectedException(ErrorCode.FILE_TOO_LARGE, path + " is larger than " + limit
                    + " bytes uncompressed; the limit is that of a single file (wenku.ingest.max-file-size).");
            }
            return bytes;
        }
    }
}

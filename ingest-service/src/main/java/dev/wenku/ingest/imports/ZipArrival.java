package dev.wenku.ingest.imports;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * Looks at a spooled zip before its import is accepted, so what can be known from its central directory is answered
 * at once ({@code 400}/{@code 413}) rather than found out in the background: a body that is not a zip, or is cut
 * short (its directory is at the end); more entries than allowed; a directory larger than the memory allowed for it;
 * no file in it. Reading the directory costs the file's last bytes and the directory itself, not the entries.
 */
final class ZipArrival {

    /** The memory allowed, on average, for each entry a zip may have while its directory is held. */
    static final int DIRECTORY_BYTES_PER_ENTRY = 512;

    private ZipArrival() {
    }

    /**
     * Checks the zip at {@code zip}.
     *
     * @return how many files the import will read from it (entries other than directories and hidden files)
     * @throws ApiException when the zip is not accepted
     */
    static int files(Path zip, int maxEntries) {
        ZipDirectory directory;
        try {
            directory = ZipDirectory.of(zip);
        } catch (IOException e) {
            throw notAZip(e);
        }
        if (directory.entries() > maxEntries) {
            throw new ApiException(ErrorCode.REQUEST_TOO_LARGE, "The zip has " + directory.entries() + " entries; at most "
                + maxEntries + " are accepted (wenku.ingest.imports.max-zip-entries).");
        }
        long directoryLimit = (long) maxEntries * DIRECTORY_BYTES_PER_ENTRY;
        if (directory.size() > directoryLimit) {
            throw new ApiException(ErrorCode.REQUEST_TOO_LARGE, "The zip's central directory has " + directory.size()
                + " bytes; at most " + directoryLimit + " are accepted (" + DIRECTORY_BYTES_PER_ENTRY
                + " bytes for each of wenku.ingest.imports.max-zip-entries).");
        }
        int files;
        try (ZipFile file = new ZipFile(zip.toFile(), ZipNameCharset.INSTANCE)) {
            files = ZipSource.files(file);
        } catch (IOException e) {
            throw notAZip(e);
        }
        if (files == 0) {
            throw new ApiException(ErrorCode.EMPTY_BODY, "The zip holds no file to import (directories and hidden files"
                + " are passed over).");
        }
        return files;
    }

    private static ApiException notAZip(IOException e) {
        return new ApiException(ErrorCode.MALFORMED_FILE, "The body is not a readable zip file (" + e.getMessage()
            + "); a zip that was cut short lacks its central directory, which comes last.", e);
    }
}

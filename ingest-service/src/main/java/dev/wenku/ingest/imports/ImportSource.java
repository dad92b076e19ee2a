package dev.wenku.ingest.imports;

import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.ingest.documents.PreparedUpload;
import java.io.Closeable;
import java.io.IOException;

/**
 * The items of an import's spooled body, read in order from a position on: the lines of NDJSON
 * ({@link NdjsonSource}) or the files of a zip ({@link ZipSource}). {@link ImportRunner} stores them a batch at a
 * time, whatever they are; a source only knows how to find the next item and how to read one as an upload.
 */
interface ImportSource extends Closeable {

    /**
     * The next item, or null at the end of the body.
     *
     * @throws IOException when the body itself cannot be read (the import fails; a bad item is a rejection instead)
     */
    Item next() throws IOException;

    /** One line or file of the body. */
    interface Item {

        /** The position after this item: where the import resumes once the batch holding it is committed. */
        long end();

        /** The file this item is (its path in the zip), named in its rejection; null for a line. */
        String fileName();

        /**
         * Reads, repairs and checks the item as a single upload of its kind would be, ready to be stored with the rest
         * of its batch ({@link dev.wenku.ingest.documents.DocumentIngestion#ingestAll}).
         *
         * @param number the item's number in the import (from 1), for messages
         * @return the upload the item is, or null when it holds nothing to store (a blank line)
         * @throws UploadRejectedException when the item is not imported
         */
        PreparedUpload prepare(int number);
    }
}

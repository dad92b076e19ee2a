package dev.wenku.ingest;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of ingest-service ({@code wenku.ingest.*}).
 *
 * @param maxBodySize        largest accepted document text (UTF-8 bytes, JSON or text/plain); larger → 413
 *                           {@code body_too_large}
 * @param maxFileSize        largest accepted uploaded file; larger → 413 {@code file_too_large}
 * @param maxDocumentSize    largest stored document (title + text, UTF-8 bytes), checked for each document an upload
 *                           produces; larger → 413 {@code document_too_large}. A document travels as one Kafka record
 *                           (1 MiB at most by default), and analysis-service's record carries its text about three
 *                           times over (the text, its Simplified form and a summary), hence 256 KB (~85,000 Chinese
 *                           characters)
 * @param registryTopic      the compacted topic where versions before the PostgreSQL registry kept every document's
 *                           record: imported once, on the first start with an empty database, then no longer written
 * @param splitCompilations  whether a text made of several essays under repeated headings is split into one document
 *                           per essay by default (a request can override it with {@code split=false})
 * @param extraction         the isolated worker JVMs that turn .html/.docx/.pdf files into text
 * @param dropFolder         the watched drop folder
 * @param outbox             how the events stored with each version are published to Kafka
 * @param originals          the uploaded files kept with the versions they made
 * @param imports            bulk imports ({@code POST /api/imports})
 * @param bulkBacklog        how far an import or the drop folder may run ahead of the pipeline (documents not yet
 *                           published, analysed or indexed) before it waits to store more
 */
@ConfigurationProperties("wenku.ingest")
public record IngestProperties(
    @DefaultValue("2MB") DataSize maxBodySize,
    @DefaultValue("20MB") DataSize maxFileSize,
    @DefaultValue("256KB") DataSize maxDocumentSize,
    @DefaultValue("wenku.ingest.registry") String registryTopic,
    @DefaultValue("true") boolean splitCompilations,
    @DefaultValue Extraction extraction,
    @DefaultValue DropFolder dropFolder,
    @DefaultValue Outbox outbox,
    @DefaultValue Originals originals,
    @DefaultValue Imports imports,
    @DefaultValue BulkBacklog bulkBacklog) {

    /** The request size allowed before JSON parsing: the body plus room for title, tags and JSON escaping. */
    public long maxRequestBytes() {
        return Math.max(maxBodySize.toBytes() * 2 + 64 * 1024, maxFileSize.toBytes() + 64 * 1024);
    }

    /**
     * @param workers  worker JVMs parsing files in parallel
     * @param timeout  longest parse of one file; the worker is killed and replaced after it
     * @param queueTimeout longest wait of a file for a free worker; an upload still waiting then is answered
     *                 {@code 503 extraction_busy} (nothing stored, retry later), a dropped file waits for the next
     *                 scan, a zip import waits and tries again
     * @param maxHeap  heap of each worker JVM (e.g. {@code 256m}); a file needing more fails, the service does not
     */
    public record Extraction(
        @DefaultValue("1") int workers,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("60s") Duration queueTimeout,
        @DefaultValue("256m") String maxHeap) {
    }

    /**
     * @param path          the folder whose files are ingested (created if missing). Each file handled is moved out of
     *                      the way: into {@code .done/} once stored (or found unchanged), into {@code .rejected/} with a
     *                      {@code <name>.error.txt} when refused; the service needs write access to it
     * @param pollInterval  pause between scans of the folder, from the end of one batch of files to the next scan
     * @param enabled       whether the folder is watched at all
     * @param workers       files ingested at once. Why 4: repairing a text is CPU-bound, so more workers than a few
     *                      cores gain little, and each holds a database connection while its version is stored, so 4
     *                      leave most of the pool ({@code spring.datasource.hikari.maximum-pool-size}, 10) to uploads,
     *                      imports and the outbox relay. Each also holds one file in memory (up to
     *                      {@code max-file-size})
     * @param batchFiles    most files one scan takes (the rest wait for the next scan), so that a folder holding a great
     *                      many files is listed a batch at a time rather than whole into memory
     */
    public record DropFolder(
        @DefaultValue("drop") Path path,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") int workers,
        @DefaultValue("1000") int batchFiles) {

        public DropFolder {
            if (workers < 1 || batchFiles < 1) {
                throw new IllegalArgumentException("wenku.ingest.drop-folder.workers and .batch-files must be at least"
                    + " 1, not " + workers + " and " + batchFiles);
            }
        }
    }

    /**
     * @param enabled         whether this instance relays the outbox (one instance at a time does, whichever holds the
     *                        lock; an instance with {@code false} never does)
     * @param batchSize       most events published in one batch (one round trip to Kafka)
     * @param pollInterval    how often the relay looks for events stored by other instances (events stored here wake it
     *                        at once)
     * @param publishTimeout  how long a batch may take to be acknowledged before it is sent again
     */
    public record Outbox(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("30s") Duration publishTimeout) {
    }

    /**
     * @param retention how long an uploaded file's bytes are kept (downloadable from the versions it made); after it
     *                  only their name, type, size and SHA-256 remain. 0 keeps nothing
     */
    public record Originals(@DefaultValue("90d") Duration retention) {
    }

    /**
     * @param queueTime how long an editor's upload may queue behind bulk work: bulk work leaves as many documents on
     *                  their way as the pipeline consumes in this time. It must be longer than a document's trip
     *                  through an idle pipeline (about half a second), or bulk work slows itself down. Why 1 s:
     *                  an import keeps about 90 % of two cores busy with it, and an editor's upload made meanwhile
     *                  is searchable within 3 s (p99 2.5 s measured); with 1.5 s an import is a tenth faster, but the
     *                  machine is saturated and uploads took up to 3.3 s
     * @param min       documents bulk work may always leave on their way (before the pipeline's pace is known, and
     *                  while the services are still cold: few, so that an upload made then does not queue behind
     *                  seconds of work)
     * @param max       documents bulk work may never exceed on their way, however fast the pipeline
     */
    public record BulkBacklog(
        @DefaultValue("1s") Duration queueTime,
        @DefaultValue("50") long min,
        @DefaultValue("3000") long max) {
    }

    /**
     * @param spoolFolder   where an import's body is kept while it is worked through (created if missing; each file
     *                      is deleted when its import is done)
     * @param maxSize       largest import body (NDJSON or zip); larger → 413 {@code request_too_large}
     * @param batchLines    lines of NDJSON stored in one transaction, with the import's progress
     * @param batchFiles    files of a zip stored in one transaction, with the import's progress: fewer than lines, as
     *                      each file may keep an extraction worker busy for seconds while the transaction is open
     * @param maxZipEntries most entries a zip import may have (files, directories and all); more → 413
     *                      {@code request_too_large}. It also bounds the zip's central directory, which is read into
     *                      memory while the import runs: at most 512 bytes per entry allowed here on average (about
     *                      50 MB at the default)
     */
    public record Imports(
        @DefaultValue("imports") Path spoolFolder,
        @DefaultValue("2GB") DataSize maxSize,
        @DefaultValue("200") int batchLines,
        @DefaultValue("20") int batchFiles,
        @DefaultValue("100000") int maxZipEntries) {
    }
}

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
 * @param topicPartitions    partitions of the ingested-documents topic when ingest-service creates it (fixed from then
 *                           on: set it before the first start)
 * @param registryTopic      the compacted topic where versions before the PostgreSQL registry kept every document's
 *                           record: imported once, on the first start with an empty database, then no longer written
 * @param splitCompilations  whether a text made of several essays under repeated headings is split into one document
 *                           per essay by default (a request can override it with {@code split=false})
 * @param extraction         the isolated worker JVMs that turn .html/.docx/.pdf files into text
 * @param dropFolder         the watched drop folder
 * @param outbox             how the events stored with each version are published to Kafka
 * @param originals          the uploaded files kept with the versions they made
 * @param imports            bulk imports ({@code POST /api/imports})
 * @param retryBackoffMax    longest pause between attempts while Kafka or the database is unavailable: events wait in
 *                           the outbox, the pipeline's status reports in Kafka (nothing is skipped)
 */
@ConfigurationProperties("wenku.ingest")
public record IngestProperties(
    @DefaultValue("2MB") DataSize maxBodySize,
    @DefaultValue("20MB") DataSize maxFileSize,
    @DefaultValue("256KB") DataSize maxDocumentSize,
    @DefaultValue("3") int topicPartitions,
    @DefaultValue("wenku.ingest.registry") String registryTopic,
    @DefaultValue("true") boolean splitCompilations,
    @DefaultValue Extraction extraction,
    @DefaultValue DropFolder dropFolder,
    @DefaultValue Outbox outbox,
    @DefaultValue Originals originals,
    @DefaultValue Imports imports,
    @DefaultValue("30s") Duration retryBackoffMax) {

    /** The request size allowed before JSON parsing: the body plus room for title, tags and JSON escaping. */
    public long maxRequestBytes() {
        return Math.max(maxBodySize.toBytes() * 2 + 64 * 1024, maxFileSize.toBytes() + 64 * 1024);
    }

    /**
     * @param workers  worker JVMs parsing files in parallel
     * @param timeout  longest parse of one file; the worker is killed and replaced after it
     * @param maxHeap  heap of each worker JVM (e.g. {@code 256m}); a file needing more fails, the service does not
     */
    public record Extraction(
        @DefaultValue("1") int workers,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("256m") String maxHeap) {
    }

    /**
     * @param path          the folder whose new and changed files are ingested (created if missing)
     * @param pollInterval  how often the folder is scanned
     * @param enabled       whether the folder is watched at all
     */
    public record DropFolder(
        @DefaultValue("drop") Path path,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("true") boolean enabled) {
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
     * @param spoolFolder where an import's body is kept while it is worked through (created if missing; each file is
     *                    deleted when its import is done)
     * @param maxSize     largest import body; larger → 413 {@code request_too_large}
     * @param batchLines  lines stored in one transaction, with the import's progress
     */
    public record Imports(
        @DefaultValue("imports") Path spoolFolder,
        @DefaultValue("2GB") DataSize maxSize,
        @DefaultValue("200") int batchLines) {
    }
}

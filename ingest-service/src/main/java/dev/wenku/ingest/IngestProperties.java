package dev.wenku.ingest;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of ingest-service ({@code wenku.ingest.*}).
 *
 * @param maxBodySize        largest accepted document text (UTF-8 bytes, JSON or text/plain); larger → 413
 * @param maxFileSize        largest accepted uploaded file; larger → 413
 * @param maxDocumentSize    largest stored document (title + text, UTF-8 bytes), checked for each document an upload
 *                           produces; larger → 413. A document travels as one Kafka record (1 MiB at most by
 *                           default), and analysis-service's record carries its text about three times over (the
 *                           text, its Simplified form and a summary), hence the default of 256 KB (~85,000 Chinese
 *                           characters)
 * @param publishTimeout     how long an upload waits for Kafka's acknowledgement before answering 503
 * @param topicPartitions    partitions of the ingested-documents topic when ingest-service creates it
 * @param registryTopic      compacted topic holding every document's record (status, repairs, versions)
 * @param splitCompilations  whether a text made of several essays under repeated headings is split by default
 *                           (a request can override it with {@code split=false})
 * @param extraction         the isolated workers that turn .html/.docx/.pdf files into text
 * @param dropFolder         the watched folder
 */
@ConfigurationProperties("wenku.ingest")
public record IngestProperties(
    DataSize maxBodySize,
    DataSize maxFileSize,
    DataSize maxDocumentSize,
    Duration publishTimeout,
    int topicPartitions,
    String registryTopic,
    Boolean splitCompilations,
    Extraction extraction,
    DropFolder dropFolder) {

    public IngestProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(2) : maxBodySize;
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
        maxDocumentSize = maxDocumentSize == null ? DataSize.ofKilobytes(256) : maxDocumentSize;
        publishTimeout = publishTimeout == null ? Duration.ofSeconds(10) : publishTimeout;
        topicPartitions = topicPartitions <= 0 ? 3 : topicPartitions;
        registryTopic = registryTopic == null || registryTopic.isBlank() ? "wenku.ingest.registry" : registryTopic;
        splitCompilations = splitCompilations == null || splitCompilations;
        extraction = extraction == null ? new Extraction(0, null, null) : extraction;
        dropFolder = dropFolder == null ? new DropFolder(null, null, null) : dropFolder;
    }

    /** The request size allowed before JSON parsing: the body plus room for title, tags and JSON escaping. */
    public long maxRequestBytes() {
        return Math.max(maxBodySize.toBytes() * 2 + 64 * 1024, maxFileSize.toBytes() + 64 * 1024);
    }

    /**
     * @param workers  worker JVMs parsing files in parallel
     * @param timeout  longest parse of one file; the worker is killed and replaced after it
     * @param maxHeap  heap of each worker JVM (e.g. {@code 256m}); a file needing more fails, the service does not
     */
    public record Extraction(int workers, Duration timeout, String maxHeap) {

        public Extraction {
            workers = workers <= 0 ? 1 : workers;
            timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
            maxHeap = maxHeap == null || maxHeap.isBlank() ? "256m" : maxHeap;
        }
    }

    /**
     * @param path          the folder whose new and changed files are ingested (created if missing)
     * @param pollInterval  how often the folder is scanned
     * @param enabled       whether the folder is watched at all
     */
    public record DropFolder(Path path, Duration pollInterval, Boolean enabled) {

        public DropFolder {
            path = path == null ? Path.of("drop") : path;
            pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
            enabled = enabled == null || enabled;
        }
    }
}

package dev.wenku.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of ingest-service ({@code wenku.ingest.*}).
 *
 * @param maxBodySize      largest accepted document body (UTF-8 bytes); larger uploads get 413
 * @param publishTimeout   how long an upload waits for Kafka's acknowledgement before answering 503
 * @param topicPartitions  partitions of the ingested-documents topic when ingest-service creates it
 */
@ConfigurationProperties("wenku.ingest")
public record IngestProperties(DataSize maxBodySize, Duration publishTimeout, int topicPartitions) {

    public IngestProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(2) : maxBodySize;
        publishTimeout = publishTimeout == null ? Duration.ofSeconds(10) : publishTimeout;
        topicPartitions = topicPartitions <= 0 ? 3 : topicPartitions;
    }

    /** The request size allowed before JSON parsing: the body plus room for title, tags and JSON escaping. */
    public long maxRequestBytes() {
        return maxBodySize.toBytes() * 2 + 64 * 1024;
    }
}

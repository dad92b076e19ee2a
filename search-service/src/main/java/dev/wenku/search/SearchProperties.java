package dev.wenku.search;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of search-service ({@code wenku.search.*}).
 *
 * @param indexAlias      the alias readers search and the indexer writes through
 * @param maxPageSize     largest {@code size} a search may ask for
 * @param startupTimeout  how long start-up waits for Elasticsearch to create or find the index
 * @param retryBackoffMax longest pause between retries of a batch while Elasticsearch is unavailable (retries
 *                        never stop, so nothing is skipped; the consumer is paused meanwhile)
 * @param deadLetterTopic where analysed documents go that can never be indexed, with the reason in a header
 * @param bulk            how analysed documents are batched into bulk requests
 */
@ConfigurationProperties("wenku.search")
public record SearchProperties(String indexAlias, int maxPageSize, Duration startupTimeout, Duration retryBackoffMax,
                               String deadLetterTopic, Bulk bulk) {

    public SearchProperties {
        indexAlias = indexAlias == null || indexAlias.isBlank() ? "wenku-documents" : indexAlias;
        maxPageSize = maxPageSize <= 0 ? 100 : maxPageSize;
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
        retryBackoffMax = retryBackoffMax == null ? Duration.ofSeconds(30) : retryBackoffMax;
        deadLetterTopic = deadLetterTopic == null || deadLetterTopic.isBlank() ? "wenku.documents.analyzed.dlt"
            : deadLetterTopic;
        bulk = bulk == null ? new Bulk(0, 0, null, 0, null) : bulk;
    }

    /**
     * @param maxDocuments most documents read in one poll (Kafka's {@code max.poll.records}): a batch, whose offsets
     *                     are committed together once every document of it is written
     * @param requestDocuments most documents in one bulk request; a batch is written in requests of this many, the
     *                     next one read and serialised while Elasticsearch writes the previous
     * @param maxWait      longest wait for more documents before a smaller batch is written (Kafka's
     *                     {@code fetch.max.wait.ms}): the flush by time
     * @param threads      listener threads, each writing its own bulk requests (at most one per partition); one
     *                     matches the index's single primary shard, where concurrent bulks only compete
     * @param maxFetchBytes most bytes fetched from one partition in one poll (Kafka's
     *                     {@code max.partition.fetch.bytes}); Kafka's 1 MB default holds only about 50 essays, which
     *                     would cut every bulk request far below {@code max-documents}
     */
    public record Bulk(int maxDocuments, int requestDocuments, Duration maxWait, int threads, DataSize maxFetchBytes) {

        public Bulk {
            maxDocuments = maxDocuments <= 0 ? 1000 : maxDocuments;
            requestDocuments = requestDocuments <= 0 ? 500 : requestDocuments;
            maxWait = maxWait == null ? Duration.ofMillis(100) : maxWait;
            threads = threads <= 0 ? 1 : threads;
            maxFetchBytes = maxFetchBytes == null ? DataSize.ofMegabytes(16) : maxFetchBytes;
        }
    }
}

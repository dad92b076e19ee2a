package dev.wenku.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of search-service ({@code wenku.search.*}).
 *
 * @param indexAlias      the alias readers search and the indexer writes through; the index behind it is
 *                        {@code <alias>-v<mapping version>}
 * @param maxPageSize     largest {@code size} a search may ask for
 * @param startupTimeout  how long start-up waits for Elasticsearch to create or find the index
 * @param queryTimeout    how long Elasticsearch may work on one search (the search's {@code timeout}): past it, it
 *                        stops collecting, so one expensive query cannot occupy its search threads for long; a search
 *                        that ran out of time answers a retryable {@code 503 search_unavailable} rather than results
 *                        that silently miss documents
 * @param maxPinyinWords  most Latin words of one query whose pinyin and initials spellings are looked up (all in one
 *                        request); words past them are searched as plain text, so a query of many short Latin words
 *                        costs no more than one of a few
 * @param bulk            how analysed documents are batched into bulk requests
 */
@ConfigurationProperties("wenku.search")
public record SearchProperties(
    @DefaultValue("wenku-documents") String indexAlias,
    @DefaultValue("100") int maxPageSize,
    @DefaultValue("60s") Duration startupTimeout,
    @DefaultValue("5s") Duration queryTimeout,
    @DefaultValue("8") int maxPinyinWords,
    @DefaultValue Bulk bulk) {

    /**
     * @param maxDocuments most documents read in one poll (Kafka's {@code max.poll.records}): a batch, whose offsets
     *                     are committed together once every document of it is written
     * @param requestDocuments most documents in one bulk request; a batch is written in requests of this many, the
     *                     next one read and serialised while Elasticsearch writes the previous (bigger requests cost
     *                     Elasticsearch less per document)
     * @param maxWait      longest wait for more documents before a smaller batch is written (Kafka's
     *                     {@code fetch.max.wait.ms}): the flush by time
     * @param threads      listener threads, each writing its own bulk requests (at most one per partition); one
     *                     matches the index's single primary shard, where concurrent bulks only compete
     * @param maxFetchBytes most bytes fetched from one partition in one poll (Kafka's
     *                     {@code max.partition.fetch.bytes}); Kafka's 1 MB default holds only about 50 essays, which
     *                     would cut every bulk request far below {@code max-documents}
     */
    public record Bulk(
        @DefaultValue("1000") int maxDocuments,
        @DefaultValue("500") int requestDocuments,
        @DefaultValue("100ms") Duration maxWait,
        @DefaultValue("1") int threads,
        @DefaultValue("16MB") DataSize maxFetchBytes) {
    }
}

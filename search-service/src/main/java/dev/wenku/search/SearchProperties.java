package dev.wenku.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * Settings of search-service ({@code wenku.search.*}).
 *
 * @param indexAlias      the alias readers search and the indexer writes through; the index behind it is
 *                        {@code <alias>-v<mapping version>}. Writes require it ({@code require_alias}): while it is
 *                        missing, indexing waits as during an outage rather than create a plain index of that name
 * @param indexShards     primary shards of the index, fixed when it is created (a new mapping version or a rebuild
 *                        takes a changed value; an existing index keeps its own). One suits a node or two: each shard
 *                        is searched on every query
 * @param indexReplicas   copies of each shard on other nodes, set on the index at every start and after a rebuild (a
 *                        rebuild fills the new index without them, then adds them): with 1, a cluster of three nodes
 *                        keeps searching and indexing when one is down. A single node cannot place a replica, which
 *                        leaves the index yellow
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
 * @param semantic        the embedding stage: passage vectors for semantic search
 */
@ConfigurationProperties("wenku.search")
public record SearchProperties(
    @DefaultValue("wenku-documents") String indexAlias,
    @DefaultValue("1") int indexShards,
    @DefaultValue("0") int indexReplicas,
    @DefaultValue("100") int maxPageSize,
    @DefaultValue("60s") Duration startupTimeout,
    @DefaultValue("5s") Duration queryTimeout,
    @DefaultValue("8") int maxPinyinWords,
    @DefaultValue Bulk bulk,
    @DefaultValue Semantic semantic) {

    /** The settings as their defaults give them, for tools that work outside a running search-service. */
    public static SearchProperties defaults() {
        return Binder.get(new StandardEnvironment()).bindOrCreate("wenku.search", SearchProperties.class);
    }

    public SearchProperties {
        if (indexShards < 1) {
            throw new IllegalArgumentException("wenku.search.index-shards must be at least 1, not " + indexShards);
        }
        if (indexReplicas < 0) {
            throw new IllegalArgumentException("wenku.search.index-replicas must not be negative, not " + indexReplicas);
        }
    }

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

    /**
     * The embedding stage ({@code dev.wenku.search.semantic}): a consumer of its own turns each analysed document's
     * passages into vectors after the lexical index has it, so embedding never slows indexing.
     *
     * @param enabled           whether this instance runs the embedding stage (it loads a 24 MB model and costs
     *                          about 10 ms of one core per passage of a poem, 30 ms per passage of an essay)
     * @param passageCharacters most characters of one passage: lines are kept together up to this, longer ones cut
     *                          after a sentence; the model reads about 512 characters at most
     * @param batchDocuments    most documents read in one poll; their passages are written in one bulk request and
     *                          the offsets committed after it (small, because each passage costs 10 to 30 ms
     *                          and a poll must finish within Kafka's poll interval)
     * @param threads           cores one passage's embedding may use (ONNX Runtime's intra-op threads): the stage
     *                          takes no more of the machine than this, leaving the rest to the lexical pipeline;
     *                          above 1, readers' queries are embedded on a one-thread copy of the model (about
     *                          45 MB), since a query gains nothing from a second thread but its spinning
     * @param documents         documents search by meaning contributes to a semantic or hybrid search (the nearest,
     *                          each by its nearest passage): enough for the first pages, few enough that fetching
     *                          their passages and ranking them with the words' hits stays cheap (every passage is
     *                          compared with the query whatever this is)
     * @param weight            weight of the ranking by meaning in hybrid search, the words' ranking weighing 1: a
     *                          document scores {@code 1/(60 + lexical rank) + weight/(60 + semantic rank)}. Below 1,
     *                          documents found by their words keep the first places where the words find many (an
     *                          author, a line), while documents found by meaning alone still come first where the
     *                          words find nothing (a question in the reader's own words). Related documents weigh
     *                          the two the same: a document read names nothing the way a reader's words do
     * @param queryVectors      query vectors kept, those searched most often and most recently (2 KB each; 0 keeps
     *                          none): a query searched again skips the model (one pass over its words, as for a
     *                          passage: about 10 ms of a core for a poem's)
     * @param nearestQueries    queries whose nearest documents are kept (about 15 KB each, their passages' texts
     *                          included), those searched most often and most recently: a query searched again skips
     *                          the kNN search, which is most of what search by meaning costs Elasticsearch
     * @param nearestFor        how old a query's kept nearest documents may be before a search asking for them has
     *                          them searched again, in the background (the search is answered from them meanwhile;
     *                          unasked, they are dropped after ten times this; 0 keeps none): a passage the stage
     *                          embeds is found by a query asked often about this much later at most (the stage
     *                          itself runs seconds to minutes behind the lexical index), and a deleted document is
     *                          left out all the same, the documents index no longer having it
     * @param mergeAfter        share of the passages index's documents that, embedded by this instance since the last
     *                          merge, has the index merged into one segment once the stage has nothing left to read
     *                          (at least 1,000 documents; 0 never merges): a kNN search visits every segment, and a
     *                          bulk load leaves tens of them. Each merge rewrites the whole index in the
     *                          background, minutes of a core for a million passages
     * @param partitions        partitions a partitioning run divides the passages into (k-means centroids, each
     *                          passage tagged with its nearest; {@code POST /api/search/embeddings/partitioning}), so a
     *                          search by meaning compares the passages of a few partitions rather than every passage;
     *                          0: the square root of the passages the index holds when the run starts (243 for
     *                          59,065, 564 for 318,604), so the passages a search compares grow with the root of the
     *                          corpus rather than with the corpus. At most 1,024: the run trains on 100 passages drawn
     *                          at random per partition, Lucene's k-means's minimum, their vectors read into the heap
     *                          (a byte a dimension: 50 MB for 1,024 partitions); a corpus with fewer passages gets
     *                          fewer partitions
     * @param partitionProbes   partitions a search by meaning compares the passages of, those whose centroids are
     *                          nearest to the query: more find more of the exact nearest passages, fewer cost less
     *                          (the share of the passages compared is about probes / partitions)
     * @param partitionAt       passages from which search-service starts a partitioning run by itself, and again
     *                          once they have doubled since the last run's training (0: only when an operator asks):
     *                          unpartitioned, every new search by meaning compares every passage, and on two cores 50
     *                          new hybrid searches a second took 139 ms at p99 with 59,065 passages but saturated the
     *                          machine with 318,604 (3.4 s); partitioned, the paraphrases lost about a fifth of their
     *                          nDCG@10, which a smaller corpus need not pay
     */
    public record Semantic(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("256") int passageCharacters,
        @DefaultValue("16") int batchDocuments,
        @DefaultValue("1") int threads,
        @DefaultValue("20") int documents,
        @DefaultValue("0.5") double weight,
        @DefaultValue("4096") int queryVectors,
        @DefaultValue("1024") int nearestQueries,
        @DefaultValue("30s") Duration nearestFor,
        @DefaultValue("0.25") double mergeAfter,
        @DefaultValue("0") int partitions,
        @DefaultValue("32") int partitionProbes,
        @DefaultValue("100000") long partitionAt) {

        /** Most partitions: the run reads 100 passage vectors per partition into the heap, 50 MB for 1,024. */
        public static final int MAX_PARTITIONS = 1024;
        /** Passages a partitioning run trains each partition on: the fewest Lucene's k-means accepts. */
        public static final int SAMPLE_PER_PARTITION = 100;

        public Semantic {
            if (passageCharacters < 16 || passageCharacters > 512) {
                throw new IllegalArgumentException("wenku.search.semantic.passage-characters must be between 16 and"
                    + " 512, not " + passageCharacters);
            }
            if (batchDocuments < 1 || threads < 1 || documents < 1) {
                throw new IllegalArgumentException("wenku.search.semantic.batch-documents, threads and documents must"
                    + " be at least 1");
            }
            if (queryVectors < 0 || nearestQueries < 0) {
                throw new IllegalArgumentException("wenku.search.semantic.query-vectors and nearest-queries must be 0"
                    + " or more, not " + queryVectors + " and " + nearestQueries);
            }
            if (nearestFor.isNegative()) {
                throw new IllegalArgumentException("wenku.search.semantic.nearest-for must not be negative, not "
                    + nearestFor);
            }
            if (mergeAfter < 0) {
                throw new IllegalArgumentException("wenku.search.semantic.merge-after must be 0 or more, not "
                    + mergeAfter);
            }
            if (weight <= 0) {
                throw new IllegalArgumentException("wenku.search.semantic.weight must be above 0, not " + weight);
            }
            if (partitionAt < 0) {
                throw new IllegalArgumentException("wenku.search.semantic.partition-at must be 0 or more, not "
                    + partitionAt);
            }
            if (partitions < 0 || partitions > MAX_PARTITIONS || partitionProbes < 1) {
                throw new IllegalArgumentException("wenku.search.semantic.partitions must be between 0 and "
                    + MAX_PARTITIONS + " and partition-probes at least 1, not " + partitions + " and "
                    + partitionProbes);
            }
        }

        /**
         * The partitions a run trains for an index of {@code passages}: {@code partitions}, or where it is 0 the square
         * root of {@code passages} (at least 1, at most {@value #MAX_PARTITIONS}).
         */
        public int partitionsFor(long passages) {
            if (partitions > 0) {
                return partitions;
            }
            return (int) Math.clamp(Math.round(Math.sqrt(passages)), 1, MAX_PARTITIONS);
        }
    }
}

package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.search.SearchProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Writes batches of analysed documents and deletions in bulk requests of {@code wenku.search.bulk.request-documents},
 * with external versioning: the event's version is the document's version in Elasticsearch, so a replayed or late
 * older event never overwrites a newer one (a replay of the same version is accepted, which keeps redelivery
 * idempotent). One request is in flight at a time, so changes reach Elasticsearch in order ({@link Writer}); while
 * Elasticsearch writes it, the next request's changes are read and serialised, and a batch's last request stays in
 * flight while the next batch is fetched, which would otherwise leave Elasticsearch idle.
 * Written documents become searchable at the index's next refresh (every second): waiting for it in every request
 * would cap throughput at one batch per second.
 *
 * <p>Metrics: every change in {@value #INDEXED} by {@code outcome}; for each written document, the time from its
 * upload's acceptance ({@code ingestedAt}) to Elasticsearch's acknowledgement in {@value #FRESHNESS}; documents per
 * bulk request in {@value #BULK_SIZE} and the request's time in {@value #BULK_DURATION}.
 */
@Component
public class DocumentIndexer {

    static final String INDEXED = "wenku.documents.indexed";
    static final String FRESHNESS = "wenku.pipeline.freshness";
    static final Duration MAX_EXPECTED_FRESHNESS = Duration.ofMinutes(30);
    static final String BULK_SIZE = "wenku.indexing.bulk.size";
    static final String BULK_DURATION = "wenku.indexing.bulk.duration";
    private static final String INDEX_NOT_FOUND = "index_not_found_exception";

    private final ElasticsearchAsyncClient client;
    private final DocumentIndex index;
    private final int requestDocuments;
    private final Clock clock;
    private final Map<Outcome, Counter> indexed = new EnumMap<>(Outcome.class);
    private final Timer freshness;
    private final DistributionSummary bulkSize;
    private final Timer bulkDuration;

    public DocumentIndexer(ElasticsearchAsyncClient client, DocumentIndex index, SearchProperties properties,
                           Clock clock, MeterRegistry meters) {
        this.client = client;
        this.index = index;
        this.requestDocuments = properties.bulk().requestDocuments();
        this.clock = clock;
        for (Outcome outcome : Outcome.values()) {
            indexed.put(outcome, Counter.builder(INDEXED).description("Changes written to the index, by outcome")
                .tag("outcome", outcome.tag).register(meters));
        }
        this.freshness = Timer.builder(FRESHNESS)
            .description("From the upload's acceptance (ingestedAt) to Elasticsearch's acknowledgement of the write")
            .serviceLevelObjectives(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(1200),
                Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofMinutes(5), Duration.ofMinutes(15))
            .publishPercentiles(0.5, 0.95, 0.99)
            .publishPercentileHistogram()
            // Micrometer's default top bucket is 30 s: behind a bulk import every percentile would read 30 s, wrong
            // exactly when operators look. Buckets up to 30 min keep the figures true through a long backlog.
            .maximumExpectedValue(MAX_EXPECTED_FRESHNESS)
            .register(meters);
        this.bulkSize = DistributionSummary.builder(BULK_SIZE).description("Documents per bulk request")
            .baseUnit("documents").register(meters);
        this.bulkDuration = Timer.builder(BULK_DURATION)
            .description("Time of one bulk request, from sending it to Elasticsearch's answer").register(meters);
    }

    /** One change: a document to index, or (event null) the id of a document to delete. */
    public record Change(String documentId, DocumentAnalyzed event) {
    }

    /** What Elasticsearch did with each change, in order; {@code tag} is its metrics tag. */
    public enum Outcome {
        WRITTEN("indexed"), OLDER_IGNORED("older_ignored"), DELETED("deleted"), REFUSED("refused");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    public record Result(Change change, Outcome outcome, String reason) {
    }

    /** What a batch's caller does with Elasticsearch's answers; called on the thread that writes. */
    public interface Batch {

        /** What Elasticsearch did with each change of one request of the batch, in order. */
        void acknowledged(List<Result> results);

        /** Every change of the batch is acknowledged (called after the batch's last {@link #acknowledged}). */
        void completed();
    }

    /** Writing for one thread (a consumer's): each thread keeps its own request in flight. */
    public Writer writer() {
        return new Writer();
    }

    /**
     * Writes batches in order, one bulk request in flight: while Elasticsearch writes one request, the next is read
     * from the batch's stream (lazily: the caller's decoding is part of it) and serialised, and the previous one's
     * results are handed on. A batch's last request may be left in flight when the next batch is known to follow, so
     * Elasticsearch also has work while the caller fetches and prepares that batch; it is answered when the next
     * batch's first request is sent, or at {@link #finish()}. Batches complete in order.
     */
    public final class Writer {

        private InFlight inFlight;
        /** The last request of an earlier batch, which failed: sent again before anything else. */
        private InFlight failed;

        private Writer() {
        }

        /**
         * @param leaveLastRequestInFlight the caller will write another batch, or call {@link #finish()}, soon
         * @throws ElasticsearchUnavailableException when Elasticsearch cannot be reached or asks to slow down (429, 5xx): the
         *                                  whole batch is to be written again later; nothing of it is lost, and
         *                                  what was written of it already is written again as a harmless replay
         */
        public void write(Stream<Change> changes, Batch batch, boolean leaveLastRequestInFlight) {
            resendFailed();
            boolean sent = false;
            Iterator<Change> next = changes.iterator();
            while (next.hasNext()) {
                Request request = read(next);
                InFlight previous = inFlight;
                boolean ofEarlierBatch = previous != null && previous.batch() != batch;
                List<Result> previousResults = previous == null ? null : answer(previous, ofEarlierBatch);
                inFlight = send(request, batch);
                sent = true;
                if (previous != null) {
                    handOn(previous, previousResults, ofEarlierBatch);
                }
            }
            if (!sent) {
                finish();
                batch.completed();
            } else if (!leaveLastRequestInFlight) {
                // Not kept on failure: this batch is retried whole.
                batch.acknowledged(answer(inFlight, false));
                batch.completed();
            }
        }

        /** Waits for the request left in flight, if any, and completes its batch. */
        public void finish() {
            resendFailed();
            if (inFlight != null) {
                InFlight last = inFlight;
                handOn(last, answer(last, true), true);
            }
        }

        /**
         * Forgets the request left in flight and a failed one, without completing their batch: for when the
         * partitions they came from are taken away (their records are delivered again, to the next owner).
         */
        public void abandon() {
            inFlight = null;
            failed = null;
        }

        private void resendFailed() {
            if (failed != null) {
                inFlight = send(failed.request(), failed.batch());
                failed = null;
            }
        }

        /** Elasticsearch's answer to {@code request}; if it fails, a request of an earlier batch is kept to resend. */
        private List<Result> answer(InFlight request, boolean ofEarlierBatch) {
            inFlight = null;
            try {
                return await(request);
            } catch (ElasticsearchUnavailableException e) {
                if (ofEarlierBatch) {
                    failed = request;
                }
                throw e;
            }
        }

        /**
         * Hands {@code request}'s results to its batch. The last request of an earlier batch completes that batch;
         * if that fails (its reports were not all delivered), the request is kept to be written and reported again,
         * as that batch is never retried otherwise.
         */
        private void handOn(InFlight request, List<Result> results, boolean ofEarlierBatch) {
            try {
                request.batch().acknowledged(results);
                if (ofEarlierBatch) {
                    request.batch().completed();
                }
            } catch (RuntimeException e) {
                if (ofEarlierBatch) {
                    failed = request;
                }
                throw e;
            }
        }
    }

    private Request read(Iterator<Change> next) {
        List<Change> changes = new ArrayList<>(requestDocuments);
        List<BulkOperation> operations = new ArrayList<>(requestDocuments);
        while (changes.size() < requestDocuments && next.hasNext()) {
            Change change = next.next();
            changes.add(change);
            operations.add(operation(change));
        }
        return new Request(changes, operations);
    }

    /** The changes of one bulk request and their serialised operations. */
    private record Request(List<Change> changes, List<BulkOperation> operations) {
    }

    /** A bulk request on its way: its batch and Elasticsearch's answer to come. */
    private record InFlight(Request request, Batch batch, CompletableFuture<BulkResponse> response) {
    }

    private InFlight send(Request request, Batch batch) {
        long start = System.nanoTime();
        try {
            CompletableFuture<BulkResponse> response =
                client.bulk(b -> b.index(index.alias()).requireAlias(true).operations(request.operations()));
            // Timed to Elasticsearch's answer, not to when the writer gets round to it.
            response.whenComplete((answer, failure) ->
                bulkDuration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
            return new InFlight(request, batch, response);
        } catch (RuntimeException e) {
            bulkDuration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw unavailable(request.changes(), e);
        }
    }

    private List<Result> await(InFlight request) {
        List<Change> changes = request.request().changes();
        BulkResponse response;
        try {
            response = request.response().join();
        } catch (CompletionException | CancellationException e) {
            throw unavailable(changes, e.getCause() == null ? e : e.getCause());
        }
        Instant acknowledged = clock.instant();
        bulkSize.record(changes.size());
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            results.add(result(changes.get(i), response.items().get(i)));
        }
        results.forEach(result -> count(result, acknowledged));
        return results;
    }

    private static ElasticsearchUnavailableException unavailable(List<Change> changes, Throwable cause) {
        return new ElasticsearchUnavailableException("Bulk write of " + changes.size() + " changes failed: " + cause, cause);
    }

    private void count(Result result, Instant acknowledged) {
        indexed.get(result.outcome()).increment();
        Instant ingestedAt = result.outcome() == Outcome.WRITTEN ? result.change().event().ingestedAt() : null;
        if (ingestedAt != null) {
            freshness.record(Duration.between(ingestedAt, acknowledged));
        }
    }

    private BulkOperation operation(Change change) {
        if (change.event() == null) {
            return BulkOperation.of(o -> o.delete(d -> d.id(change.documentId())));
        }
        IndexedDocument document = IndexedDocument.from(change.event(), clock.instant());
        // Serialised now, on the caller's thread, while the previous request is in Elasticsearch.
        BinaryData json = BinaryData.of(document, client._jsonpMapper());
        return BulkOperation.of(o -> o.index(i -> i.id(document.id()).version(document.version())
            .versionType(VersionType.ExternalGte).document(json)));
    }

    private Result result(Change change, BulkResponseItem item) {
        int status = item.status();
        if (item.error() == null) {
            return new Result(change, change.event() == null ? Outcome.DELETED : Outcome.WRITTEN, null);
        }
        if (status == 409) {
            return new Result(change, Outcome.OLDER_IGNORED, null);
        }
        if (INDEX_NOT_FOUND.equals(item.error().type())) {
            // The alias is gone (deleted by hand, or a cluster restored without it): the platform's fault, not the
            // document's, so the batch waits as in an outage instead of being refused.
            throw new ElasticsearchUnavailableException("The index alias " + index.alias() + " is missing: "
                + item.error().reason(), null);
        }
        if (status == 404 && change.event() == null) {
            return new Result(change, Outcome.DELETED, null);
        }
        if (status == 429 || status >= 500) {
            throw new ElasticsearchUnavailableException("Elasticsearch answered " + status + " for " + change.documentId()
                + ": " + item.error().reason(), null);
        }
        return new Result(change, Outcome.REFUSED, status + " " + item.error().type() + ": " + item.error().reason());
    }
}

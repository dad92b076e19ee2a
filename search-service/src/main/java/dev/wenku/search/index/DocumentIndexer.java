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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Writes batches of analysed documents and deletions in bulk requests of {@code wenku.search.bulk.request-documents},
 * with external versioning: the event's version is the document's version in Elasticsearch, so a replayed or late
 * older event never overwrites a newer one (a replay of the same version is accepted, which keeps redelivery
 * idempotent). One request is in flight at a time, so changes reach Elasticsearch in order; while Elasticsearch
 * writes it, the next request's changes are read and serialised, which would otherwise leave Elasticsearch idle.
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
    static final String BULK_SIZE = "wenku.indexing.bulk.size";
    static final String BULK_DURATION = "wenku.indexing.bulk.duration";

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
                Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10))
            .publishPercentiles(0.5, 0.95, 0.99)
            .publishPercentileHistogram()
            .register(meters);
        this.bulkSize = DistributionSummary.builder(BULK_SIZE).description("Documents per bulk request")
            .baseUnit("documents").register(meters);
        this.bulkDuration = Timer.builder(BULK_DURATION).description("Time of one bulk request").register(meters);
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

    /**
     * Writes {@code changes} in order, one bulk request in flight: while Elasticsearch writes one request, the next
     * is read from the stream (lazily: the caller's decoding is part of it) and serialised, and the previous one's
     * results go to {@code acknowledged}.
     *
     * @param acknowledged gets what Elasticsearch did with each change of a request, in order, once it answered
     * @throws ElasticsearchUnavailable when Elasticsearch cannot be reached or asks to slow down (429, 5xx): the
     *                                  whole batch is to be retried later; nothing of it is lost, and what was
     *                                  written of it already is written again as a harmless replay
     */
    public void write(Stream<Change> changes, Consumer<List<Result>> acknowledged) {
        InFlight inFlight = null;
        Iterator<Change> next = changes.iterator();
        while (next.hasNext()) {
            List<Change> request = new ArrayList<>(requestDocuments);
            List<BulkOperation> operations = new ArrayList<>(requestDocuments);
            while (request.size() < requestDocuments && next.hasNext()) {
                Change change = next.next();
                request.add(change);
                operations.add(operation(change));
            }
            List<Result> previous = inFlight == null ? null : await(inFlight);
            inFlight = send(request, operations);
            if (previous != null) {
                acknowledged.accept(previous);
            }
        }
        if (inFlight != null) {
            acknowledged.accept(await(inFlight));
        }
    }

    /** A bulk request on its way: its changes and Elasticsearch's answer to come. */
    private record InFlight(List<Change> changes, CompletableFuture<BulkResponse> response, long startNanos) {
    }

    private InFlight send(List<Change> changes, List<BulkOperation> operations) {
        long start = System.nanoTime();
        try {
            return new InFlight(changes, client.bulk(b -> b.index(index.alias()).operations(operations)), start);
        } catch (RuntimeException e) {
            bulkDuration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw unavailable(changes, e);
        }
    }

    private List<Result> await(InFlight request) {
        BulkResponse response;
        try {
            response = request.response().join();
        } catch (CompletionException | CancellationException e) {
            throw unavailable(request.changes(), e.getCause() == null ? e : e.getCause());
        } finally {
            bulkDuration.record(System.nanoTime() - request.startNanos(), TimeUnit.NANOSECONDS);
        }
        Instant acknowledged = clock.instant();
        bulkSize.record(request.changes().size());
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < request.changes().size(); i++) {
            results.add(result(request.changes().get(i), response.items().get(i)));
        }
        results.forEach(result -> count(result, acknowledged));
        return results;
    }

    private static ElasticsearchUnavailable unavailable(List<Change> changes, Throwable cause) {
        return new ElasticsearchUnavailable("Bulk write of " + changes.size() + " changes failed: " + cause, cause);
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

    private static Result result(Change change, BulkResponseItem item) {
        int status = item.status();
        if (item.error() == null) {
            return new Result(change, change.event() == null ? Outcome.DELETED : Outcome.WRITTEN, null);
        }
        if (status == 409) {
            return new Result(change, Outcome.OLDER_IGNORED, null);
        }
        if (status == 404 && change.event() == null) {
            return new Result(change, Outcome.DELETED, null);
        }
        if (status == 429 || status >= 500) {
            throw new ElasticsearchUnavailable("Elasticsearch answered " + status + " for " + change.documentId()
                + ": " + item.error().reason(), null);
        }
        return new Result(change, Outcome.REFUSED, status + " " + item.error().type() + ": " + item.error().reason());
    }
}

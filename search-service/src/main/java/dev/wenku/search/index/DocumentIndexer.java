package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.wenku.events.DocumentAnalyzed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Writes batches of analysed documents and deletions in one bulk request, with external versioning: the event's
 * version is the document's version in Elasticsearch, so a replayed or late older event never overwrites a newer
 * one (a replay of the same version is accepted, which keeps redelivery idempotent). Written documents become
 * searchable at the index's next refresh (every second): waiting for it in every request would cap throughput at
 * one batch per second.
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

    private final ElasticsearchClient client;
    private final DocumentIndex index;
    private final Clock clock;
    private final Map<Outcome, Counter> indexed = new EnumMap<>(Outcome.class);
    private final Timer freshness;
    private final DistributionSummary bulkSize;
    private final Timer bulkDuration;

    public DocumentIndexer(ElasticsearchClient client, DocumentIndex index, Clock clock, MeterRegistry meters) {
        this.client = client;
        this.index = index;
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
     * @throws ElasticsearchUnavailable when Elasticsearch cannot be reached or asks to slow down (429, 5xx): the
     *                                  whole batch is to be retried later; nothing of it is lost
     */
    public List<Result> write(List<Change> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<BulkOperation> operations = changes.stream().map(this::operation).toList();
        BulkResponse response;
        long start = System.nanoTime();
        try {
            response = client.bulk(b -> b.index(index.alias()).operations(operations));
        } catch (IOException | RuntimeException e) {
            throw new ElasticsearchUnavailable("Bulk write of " + changes.size() + " changes failed: " + e, e);
        } finally {
            bulkDuration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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
        return BulkOperation.of(o -> o.index(i -> i.id(document.id()).version(document.version())
            .versionType(VersionType.ExternalGte).document(document)));
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

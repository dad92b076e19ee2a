package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.wenku.events.DocumentAnalyzed;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes batches of analysed documents and deletions in one bulk request, with external versioning: the event's
 * version is the document's version in Elasticsearch, so a replayed or late older event never overwrites a newer
 * one (a replay of the same version is accepted, which keeps redelivery idempotent). Written documents become
 * searchable at the index's next refresh (every second): waiting for it in every request would cap throughput at
 * one batch per second.
 */
@Component
public class DocumentIndexer {

    private final ElasticsearchClient client;
    private final DocumentIndex index;
    private final Clock clock;

    public DocumentIndexer(ElasticsearchClient client, DocumentIndex index, Clock clock) {
        this.client = client;
        this.index = index;
        this.clock = clock;
    }

    /** One change: a document to index, or (event null) the id of a document to delete. */
    public record Change(String documentId, DocumentAnalyzed event) {
    }

    /** What Elasticsearch did with each change, in order. */
    public enum Outcome { WRITTEN, OLDER_IGNORED, DELETED, REFUSED }

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
        try {
            response = client.bulk(b -> b.index(index.alias()).operations(operations));
        } catch (IOException | RuntimeException e) {
            throw new ElasticsearchUnavailable("Bulk write of " + changes.size() + " changes failed: " + e, e);
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            results.add(result(changes.get(i), response.items().get(i)));
        }
        return results;
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

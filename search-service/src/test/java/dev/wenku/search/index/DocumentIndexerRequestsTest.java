package dev.wenku.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.util.ObjectBuilder;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.Settings;
import dev.wenku.search.index.DocumentIndexer.Change;
import dev.wenku.search.index.DocumentIndexer.Outcome;
import dev.wenku.search.index.DocumentIndexer.Result;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How a batch of changes is split into bulk requests (the Elasticsearch client is stubbed; ITs use the real one). */
class DocumentIndexerRequestsTest {

    private final ElasticsearchAsyncClient client = mock(ElasticsearchAsyncClient.class);
    private final List<List<String>> requests = new ArrayList<>();
    private final List<String> read = new ArrayList<>();

    @Test
    void aBatchIsWrittenInOrderInRequestsOfRequestDocumentsAndAnsweredInOrder() {
        answerEveryRequest(null);
        List<Result> results = write(indexer(2), changes("a", "b", "c", "d", "e"));
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")), requests);
        assertEquals(List.of("a", "b", "c", "d", "e"), results.stream().map(r -> r.change().documentId()).toList());
        assertEquals(List.of(Outcome.WRITTEN, Outcome.WRITTEN, Outcome.DELETED, Outcome.WRITTEN, Outcome.WRITTEN),
            results.stream().map(Result::outcome).toList());
    }

    @Test
    void theNextRequestIsReadWhileThePreviousIsInFlightButNotFurther() {
        CompletableFuture<BulkResponse> first = new CompletableFuture<>();
        answerRequests(ids -> {
            // When the first request is sent, nothing of the next one is read yet; when the second is sent, the
            // first must have been answered.
            assertEquals(requests.size() == 1 ? List.of("a", "b") : List.of("a", "b", "c", "d"), read);
            assertTrue(requests.size() == 1 || first.isDone());
            return requests.size() == 1 ? first : CompletableFuture.completedFuture(response(ids, null));
        });
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
            .execute(() -> first.complete(response(List.of("a", "b"), null)));
        assertEquals(4, write(indexer(2), changes("a", "b", "c", "d")).size());
    }

    @Test
    void aRequestElasticsearchCannotTakeFailsTheWholeBatchAndNothingAfterItIsSent() {
        answerRequests(ids -> {
            return requests.size() == 2
                ? CompletableFuture.failedFuture(new ConnectException("Connection refused"))
                : CompletableFuture.completedFuture(response(ids, null));
        });
        assertThrows(ElasticsearchUnavailableException.class, () -> write(indexer(2), changes("a", "b", "c", "d", "e", "f")));
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), requests);
    }

    @Test
    void aTooManyRequestsAnswerForOneDocumentFailsTheWholeBatch() {
        answerEveryRequest(429);
        assertThrows(ElasticsearchUnavailableException.class, () -> write(indexer(2), changes("a", "b", "c")));
    }

    @Test
    void eachRequestsResultsAreHandedOnWhileTheNextRequestIsInFlight() {
        CompletableFuture<BulkResponse> second = new CompletableFuture<>();
        List<String> handedOnWhileSecondInFlight = new ArrayList<>();
        answerRequests(ids -> {
            return requests.size() == 2 ? second : CompletableFuture.completedFuture(response(ids, null));
        });
        List<String> log = new ArrayList<>();
        RecordedBatch batch = new RecordedBatch("batch", log) {
            @Override
            public void acknowledged(List<Result> results) {
                super.acknowledged(results);
                if (!second.isDone()) {
                    handedOnWhileSecondInFlight.addAll(results.stream().map(r -> r.change().documentId()).toList());
                    second.complete(response(List.of("d"), null));
                }
            }
        };
        indexer(2).writer().write(changes("a", "b", "d"), batch, false);
        assertEquals(List.of("a", "b"), handedOnWhileSecondInFlight);
        assertEquals(List.of("batch acknowledged a,b", "batch acknowledged d", "batch completed"), log);
    }

    @Test
    void aBatchsLastRequestIsLeftInFlightUntilTheNextBatchsFirstRequestIsSent() {
        List<String> log = new ArrayList<>();
        answerRequests(ids -> {
            log.add("sent " + String.join(",", ids));
            return CompletableFuture.completedFuture(response(ids, null));
        });
        DocumentIndexer.Writer writer = indexer(2).writer();
        writer.write(changes("a", "b", "d"), new RecordedBatch("first", log), true);
        assertEquals(List.of("sent a,b", "sent d", "first acknowledged a,b"), log, "the first batch is not complete");

        writer.write(changes("e", "f", "g"), new RecordedBatch("second", log), false);
        assertEquals(List.of("sent a,b", "sent d", "first acknowledged a,b",
            "sent e,f", "first acknowledged d", "first completed",
            "sent g", "second acknowledged e,f", "second acknowledged g", "second completed"), log);
    }

    @Test
    void finishCompletesTheBatchLeftInFlightAndABatchWithNothingToWriteCompletesAfterIt() {
        List<String> log = new ArrayList<>();
        answerEveryRequest(null);
        DocumentIndexer.Writer writer = indexer(2).writer();
        writer.write(changes("a"), new RecordedBatch("first", log), true);
        writer.write(Stream.empty(), new RecordedBatch("unreadable", log), true);
        assertEquals(List.of("first acknowledged a", "first completed", "unreadable completed"), log);

        writer.write(changes("b"), new RecordedBatch("third", log), true);
        writer.finish();
        assertEquals(List.of("third acknowledged b", "third completed"), log.subList(3, log.size()));
    }

    @Test
    void aFailedLastRequestOfAnEarlierBatchIsWrittenAgainFirstAndOnlyThenCompletesThatBatch() {
        List<String> log = new ArrayList<>();
        answerRequests(ids -> {
            log.add("sent " + String.join(",", ids));
            return requests.size() == 1
                ? CompletableFuture.failedFuture(new ConnectException("Connection refused"))
                : CompletableFuture.completedFuture(response(ids, null));
        });
        DocumentIndexer.Writer writer = indexer(2).writer();
        RecordedBatch first = new RecordedBatch("first", log);
        writer.write(changes("a"), first, true);
        assertThrows(ElasticsearchUnavailableException.class,
            () -> writer.write(changes("b"), new RecordedBatch("second", log), false));
        assertEquals(List.of("sent a"), log, "the second batch waits for the first, which failed");

        writer.write(changes("b"), new RecordedBatch("second", log), false);
        assertEquals(List.of("sent a", "sent a", "sent b", "first acknowledged a", "first completed",
            "second acknowledged b", "second completed"), log);
    }

    @Test
    void aBatchWhoseReportsFailAfterItsRequestWasLeftInFlightIsWrittenAndReportedAgain() {
        List<String> log = new ArrayList<>();
        answerEveryRequest(null);
        DocumentIndexer.Writer writer = indexer(2).writer();
        boolean[] reportsDelivered = {false};
        RecordedBatch first = new RecordedBatch("first", log) {
            @Override
            public void completed() {
                if (!reportsDelivered[0]) {
                    reportsDelivered[0] = true;
                    throw new IllegalStateException("Kafka did not acknowledge the indexing reports");
                }
                super.completed();
            }
        };
        writer.write(changes("a"), first, true);
        assertThrows(IllegalStateException.class, () -> writer.write(changes("b"), new RecordedBatch("second", log),
            false));
        writer.write(changes("b"), new RecordedBatch("second", log), false);
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("a"), List.of("b")), requests);
        assertEquals(List.of("first acknowledged a", "first acknowledged a", "first completed",
            "second acknowledged b", "second completed"), log);
    }

    private static List<Result> write(DocumentIndexer indexer, Stream<Change> changes) {
        return RecordedBatch.writeAll(indexer, changes);
    }

    private DocumentIndexer indexer(int requestDocuments) {
        SearchProperties properties = Settings.search("bulk.request-documents", Integer.toString(requestDocuments));
        when(client._jsonpMapper()).thenReturn(new Jackson3JsonpMapper());
        return new DocumentIndexer(client, new DocumentIndex(mock(ElasticsearchClient.class), properties, null, Clock.systemUTC()),
            properties, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** Each request answered per operation: 201/200, or {@code errorStatus} for every one. */
    private void answerEveryRequest(Integer errorStatus) {
        answerRequests(ids -> CompletableFuture.completedFuture(response(ids, errorStatus)));
    }

    /** Answers each bulk request with what {@code answer} gives for its ids, which also go to {@link #requests}. */
    private void answerRequests(Function<List<String>, CompletableFuture<BulkResponse>> answer) {
        when(client.bulk(anyBuilder())).thenAnswer(call -> {
            List<String> ids = ids(call.getArgument(0));
            requests.add(ids);
            return answer.apply(ids);
        });
    }

    /** Changes read lazily, as the listener decodes them; "c" is a deletion. */
    private Stream<Change> changes(String... ids) {
        return Stream.of(ids).map(id -> {
            read.add(id);
            Instant now = Instant.now();
            return new Change(id, id.equals("c") ? null : new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, id, 1,
                "标题", "正文", "标题", "正文", null, List.of(), List.of(), List.of(), null, List.of(), List.of(), null,
                now, now));
        });
    }

    private static List<String> ids(Function<BulkRequest.Builder, ObjectBuilder<BulkRequest>> request) {
        return request.apply(new BulkRequest.Builder()).build().operations().stream()
            .map(o -> o.isIndex() ? o.index().id() : o.delete().id()).toList();
    }

    private static BulkResponse response(List<String> ids, Integer errorStatus) {
        List<BulkResponseItem> items = ids.stream().map(id -> BulkResponseItem.of(i -> {
            i.operationType(OperationType.Index).index("wenku-documents-v6").id(id)
                .status(errorStatus == null ? 201 : errorStatus);
            if (errorStatus != null) {
                i.error(e -> e.type("es_rejected_execution_exception").reason("queue full"));
            }
            return i;
        })).toList();
        return BulkResponse.of(r -> r.errors(errorStatus != null).took(1).items(items));
    }

    private static Function<BulkRequest.Builder, ObjectBuilder<BulkRequest>> anyBuilder() {
        return any();
    }
}

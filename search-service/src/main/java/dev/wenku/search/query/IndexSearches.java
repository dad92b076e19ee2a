package dev.wenku.search.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.ObjectBuilder;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Every search this service sends to Elasticsearch: on the documents' alias, with {@code wenku.search.query-timeout}
 * as the search's {@code timeout}, so that no reader's query keeps Elasticsearch busy for longer. A search that ran
 * out of time comes back flagged {@code timed_out} with what was collected so far; such results would silently miss
 * documents and miscount facets, so they are answered as a retryable {@code 503 search_unavailable} instead.
 */
@Component
class IndexSearches {

    private final ElasticsearchClient client;
    private final DocumentIndex index;
    private final Duration timeout;

    IndexSearches(ElasticsearchClient client, DocumentIndex index, SearchProperties properties) {
        this.client = client;
        this.index = index;
        this.timeout = properties.queryTimeout();
    }

    /** The response to the search {@code request} builds, sent to the alias with the timeout. */
    <T> SearchResponse<T> search(Function<co.elastic.clients.elasticsearch.core.SearchRequest.Builder,
                                     ObjectBuilder<co.elastic.clients.elasticsearch.core.SearchRequest>> request,
                                 Class<T> source) throws IOException {
        SearchResponse<T> response = client.search(s -> request.apply(s.index(index.alias())
            .timeout(timeout.toMillis() + "ms")), source);
        if (response.timedOut()) {
            throw new ApiException(ErrorCode.SEARCH_UNAVAILABLE, "The search took longer than " + timeout.toMillis()
                + " ms; try again shortly.");
        }
        return response;
    }
}

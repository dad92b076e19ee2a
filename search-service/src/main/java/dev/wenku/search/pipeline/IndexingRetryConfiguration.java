package dev.wenku.search.pipeline;

import dev.wenku.search.SearchProperties;
import dev.wenku.search.index.UnindexableDocument;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * While Elasticsearch is unavailable a write is retried with growing pauses, without limit, so no analysed
 * document is skipped; a document Elasticsearch refuses outright is logged and skipped at once.
 */
@Configuration(proxyBeanMethods = false)
class IndexingRetryConfiguration {

    @Bean
    DefaultErrorHandler indexingErrorHandler(SearchProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(properties.retryBackoffMax().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.addNotRetryableExceptions(UnindexableDocument.class);
        return handler;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

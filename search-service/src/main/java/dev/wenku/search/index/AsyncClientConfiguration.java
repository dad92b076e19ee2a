package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AsyncClientConfiguration {

    /** The indexer's client: the transport (connections, JSON mapper) of Spring Boot's {@link ElasticsearchClient}. */
    @Bean
    ElasticsearchAsyncClient elasticsearchAsyncClient(ElasticsearchClient client) {
        return new ElasticsearchAsyncClient(client._transport(), client._transportOptions());
    }
}

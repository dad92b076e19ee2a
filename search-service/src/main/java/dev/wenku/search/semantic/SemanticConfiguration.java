package dev.wenku.search.semantic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.wenku.search.SearchProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding stage, only where {@code wenku.search.semantic.enabled} is set: it loads a model of 24 MB and takes a
 * core while it catches up, which a platform that does not offer semantic search should not pay for.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("wenku.search.semantic.enabled")
class SemanticConfiguration {

    @Bean(destroyMethod = "close")
    PassageEmbedder passageEmbedder(SearchProperties properties) {
        return new PassageEmbedder(properties.semantic().threads());
    }

    @Bean
    PassageIndex passageIndex(ElasticsearchClient client, SearchProperties properties, Clock clock) {
        return new PassageIndex(client, properties, clock);
    }

    @Bean
    SemanticSearch semanticSearch(PassageEmbedder embedder, PassageIndex index, Partitioning partitioning,
                                  SearchProperties properties, MeterRegistry registry) {
        return new SemanticSearch(embedder, index, partitioning, properties, registry);
    }

    @Bean
    Partitioning partitioning(ElasticsearchClient client, PassageIndex index, SearchProperties properties,
                              Clock clock) {
        return new Partitioning(client, index, properties, clock);
    }

    @Bean
    PassageMerging passageMerging(PassageIndex index, SearchProperties properties, MeterRegistry registry) {
        return new PassageMerging(index, properties.semantic().mergeAfter(), registry);
    }

    @Bean
    DocumentEmbedding documentEmbedding(PassageEmbedder embedder, SearchProperties properties,
                                        Partitioning partitioning, MeterRegistry registry) {
        return new DocumentEmbedding(embedder, properties.semantic().passageCharacters(), partitioning, registry);
    }

    @Bean
    EmbeddingListener embeddingListener(DocumentEmbedding embedding, PassageIndex index, PassageMerging merging,
                                        SearchProperties properties, MeterRegistry registry) {
        return new EmbeddingListener(embedding, index, merging, properties, registry);
    }

    @Bean
    Reembedding reembedding(ElasticsearchClient client, PassageIndex index, DocumentEmbedding embedding,
                            SearchProperties properties, Clock clock) {
        return new Reembedding(client, index, embedding, properties, clock);
    }
}

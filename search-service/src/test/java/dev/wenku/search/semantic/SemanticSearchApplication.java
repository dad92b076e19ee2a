package dev.wenku.search.semantic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.SearchApplication;
import dev.wenku.support.testing.TestCallers;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * search-service with the embedding stage, for the tests on the real servers: indices of its own ({@code alias}),
 * passages of at most 120 characters, no nearest documents kept between searches (the tests ask the same questions,
 * each awaiting its own documents), and {@code settings} besides.
 */
final class SemanticSearchApplication {

    private SemanticSearchApplication() {
    }

    static ConfigurableApplicationContext start(String alias, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", TestCallers.SECRET_ARGUMENT,
            "--wenku.search.index-alias=" + alias, "--wenku.search.semantic.enabled=true",
            "--wenku.search.semantic.passage-characters=120", "--spring.kafka.consumer.group-id=" + alias,
            "--wenku.search.semantic.nearest-for=0s",
            "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
            "--spring.elasticsearch.uris=" + SharedInfrastructure.get().elasticsearchUrl()));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(SearchApplication.class).run(arguments.toArray(String[]::new));
    }

    /** Deletes the passages index {@code search} wrote, then stops it. */
    static void stop(ConfigurableApplicationContext search) throws Exception {
        String index = search.getBean(PassageIndex.class).versionedName();
        search.getBean(ElasticsearchClient.class).indices().delete(d -> d.index(index).ignoreUnavailable(true));
        search.close();
    }
}

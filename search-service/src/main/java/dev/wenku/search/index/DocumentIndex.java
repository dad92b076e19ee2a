package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.wenku.search.SearchProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The versioned documents index behind its alias. At start-up, when the alias does not exist yet, the index
 * {@code <alias>-v1} is created from {@code index/documents-v1.json} with the alias attached, in one request.
 * Waits (bounded) for Elasticsearch, so the services can start in any order.
 */
@Component
public class DocumentIndex implements InitializingBean {

    static final String DEFINITION = "index/documents-v1.json";
    private static final Logger log = LoggerFactory.getLogger(DocumentIndex.class);

    private final ElasticsearchClient client;
    private final SearchProperties properties;

    public DocumentIndex(ElasticsearchClient client, SearchProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    public String alias() {
        return properties.indexAlias();
    }

    public String versionedName() {
        return properties.indexAlias() + "-v1";
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        Instant deadline = Instant.now().plus(properties.startupTimeout());
        while (true) {
            try {
                ensureExists();
                return;
            } catch (IOException | ElasticsearchException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Elasticsearch unavailable for " + properties.startupTimeout()
                        + "; cannot create index " + versionedName(), e);
                }
                log.warn("Waiting for Elasticsearch to create {}: {}", versionedName(), e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    void ensureExists() throws IOException {
        if (client.indices().existsAlias(a -> a.name(alias())).value()) {
            return;
        }
        try (InputStream definition = getClass().getClassLoader().getResourceAsStream(DEFINITION)) {
            if (definition == null) {
                throw new UncheckedIOException(new IOException(DEFINITION + " is missing from the classpath"));
            }
            client.indices().create(c -> c.index(versionedName()).withJson(definition).aliases(alias(), a -> a));
            log.info("Created index {} behind alias {}", versionedName(), alias());
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }
}

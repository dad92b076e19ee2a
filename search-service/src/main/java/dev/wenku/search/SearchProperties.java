package dev.wenku.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of search-service ({@code wenku.search.*}).
 *
 * @param indexAlias        the alias readers search and the indexer writes through
 * @param maxPageSize       largest {@code size} a search may ask for
 * @param startupTimeout    how long start-up waits for Elasticsearch to create or find the index
 * @param retryBackoffMax   longest pause between retries of an index write while Elasticsearch is unavailable
 */
@ConfigurationProperties("wenku.search")
public record SearchProperties(String indexAlias, int maxPageSize, Duration startupTimeout, Duration retryBackoffMax) {

    public SearchProperties {
        indexAlias = indexAlias == null || indexAlias.isBlank() ? "wenku-documents" : indexAlias;
        maxPageSize = maxPageSize <= 0 ? 100 : maxPageSize;
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
        retryBackoffMax = retryBackoffMax == null ? Duration.ofSeconds(30) : retryBackoffMax;
    }
}

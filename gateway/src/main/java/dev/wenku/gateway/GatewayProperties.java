package dev.wenku.gateway;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the gateway sends each public API ({@code wenku.gateway.*}).
 *
 * @param ingestUri   base URI of ingest-service ({@code /api/documents/**})
 * @param analysisUri base URI of analysis-service ({@code /api/themes/**}, {@code /api/analysis/**})
 * @param searchUri   base URI of search-service ({@code /api/search/**})
 */
@ConfigurationProperties("wenku.gateway")
public record GatewayProperties(URI ingestUri, URI analysisUri, URI searchUri) {

    public GatewayProperties {
        ingestUri = ingestUri == null ? URI.create("http://127.0.0.1:8081") : ingestUri;
        analysisUri = analysisUri == null ? URI.create("http://127.0.0.1:8082") : analysisUri;
        searchUri = searchUri == null ? URI.create("http://127.0.0.1:8083") : searchUri;
    }
}

package dev.wenku.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where the gateway sends each public API and how it guards the calls ({@code wenku.gateway.*}).
 *
 * @param ingestUri          base URI of ingest-service ({@code /api/documents/**})
 * @param analysisUri        base URI of analysis-service ({@code /api/themes/**}, {@code /api/analysis/**})
 * @param searchUri          base URI of search-service ({@code /api/search/**}, reading views)
 * @param readTimeout        longest wait for a service's answer to a read (searches, lookups, status)
 * @param uploadTimeout      longest wait for ingest-service's answer to an upload (file extraction takes time)
 * @param getRetries         how often an idempotent GET is retried after a connection failure or a 502/503/504;
 *                           other methods are never retried
 * @param maxUploadSize      largest request body for the documents API (uploads); larger gets 413
 * @param maxRequestSize     largest request body for every other API; larger gets 413
 * @param corsAllowedOrigins origins (e.g. {@code https://wenku.example.org}) whose pages may call the API from a
 *                           browser; empty means only the gateway's own pages
 */
@ConfigurationProperties("wenku.gateway")
public record GatewayProperties(URI ingestUri, URI analysisUri, URI searchUri, Duration readTimeout,
                                Duration uploadTimeout, int getRetries, DataSize maxUploadSize,
                                DataSize maxRequestSize, List<String> corsAllowedOrigins) {

    public GatewayProperties {
        ingestUri = ingestUri == null ? URI.create("http://127.0.0.1:8081") : ingestUri;
        analysisUri = analysisUri == null ? URI.create("http://127.0.0.1:8082") : analysisUri;
        searchUri = searchUri == null ? URI.create("http://127.0.0.1:8083") : searchUri;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        uploadTimeout = uploadTimeout == null ? Duration.ofSeconds(120) : uploadTimeout;
        getRetries = Math.max(0, getRetries);
        maxUploadSize = maxUploadSize == null ? DataSize.ofMegabytes(200) : maxUploadSize;
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(8) : maxRequestSize;
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }
}

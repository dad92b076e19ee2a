package dev.wenku.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the gateway sends each public API and how it guards the calls ({@code wenku.gateway.*}).
 *
 * @param ingestUri          base URI of ingest-service ({@code /api/documents/**}, {@code /api/imports/**})
 * @param analysisUri        base URI of analysis-service ({@code /api/themes/**}, {@code /api/analysis/**})
 * @param searchUri          base URI of search-service ({@code /api/search/**}, reading views)
 * @param operationsUri      base URI of operations-service ({@code /api/operations/**})
 * @param readTimeout        longest wait for a service's answer to a read (searches, lookups, status)
 * @param uploadTimeout      longest wait for ingest-service's answer to an upload (file extraction takes time)
 * @param getRetries         how often an idempotent GET is retried when the service could not be reached (connection
 *                           refused or timed out); an answer, a 5xx included, is never retried, nor other methods
 * @param maxUploadSize      largest request body for the documents and imports APIs (uploads), in bytes, chunked
 *                           bodies included; larger gets 413
 * @param maxRequestSize     largest request body for every other API, in bytes, chunked bodies included; larger
 *                           gets 413
 * @param corsAllowedOrigins origins (e.g. {@code https://wenku.example.org}) whose pages may call the API from a
 *                           browser; empty means only the gateway's own pages
 */
@ConfigurationProperties("wenku.gateway")
public record GatewayProperties(
    @DefaultValue("http://127.0.0.1:8081") URI ingestUri,
    @DefaultValue("http://127.0.0.1:8082") URI analysisUri,
    @DefaultValue("http://127.0.0.1:8083") URI searchUri,
    @DefaultValue("http://127.0.0.1:8084") URI operationsUri,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue("120s") Duration uploadTimeout,
    @DefaultValue("2") int getRetries,
    @DefaultValue("200MB") DataSize maxUploadSize,
    @DefaultValue("8MB") DataSize maxRequestSize,
    @DefaultValue List<String> corsAllowedOrigins) {
}

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
 * @param ingestUri          base URIs of ingest-service's instances, comma-separated ({@code /api/documents/**},
 *                           {@code /api/imports/**}). With two or more, the gateway balances over them (round robin)
 *                           and asks each for its readiness every {@code spring.cloud.loadbalancer.health-check.interval}:
 *                           an instance that is down or not ready leaves the rotation until it answers again
 * @param analysisUri        base URIs of analysis-service's instances ({@code /api/themes/**}, {@code /api/analysis/**})
 * @param searchUri          base URIs of search-service's instances ({@code /api/search/**}, reading views)
 * @param operationsUri      base URIs of operations-service's instances ({@code /api/operations/**})
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
    @DefaultValue("http://127.0.0.1:8081") List<URI> ingestUri,
    @DefaultValue("http://127.0.0.1:8082") List<URI> analysisUri,
    @DefaultValue("http://127.0.0.1:8083") List<URI> searchUri,
    @DefaultValue("http://127.0.0.1:8084") List<URI> operationsUri,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue("120s") Duration uploadTimeout,
    @DefaultValue("2") int getRetries,
    @DefaultValue("200MB") DataSize maxUploadSize,
    @DefaultValue("8MB") DataSize maxRequestSize,
    @DefaultValue List<String> corsAllowedOrigins) {

    public GatewayProperties {
        for (List<URI> uris : List.of(ingestUri, analysisUri, searchUri, operationsUri)) {
            if (uris.isEmpty()) {
                throw new IllegalArgumentException("Every wenku.gateway.*-uri needs at least one URI");
            }
        }
    }

    /** The services by the names their routes, circuit breakers and load balancers go by. */
    public static final class Services {
        public static final String INGEST = "ingest-service";
        public static final String ANALYSIS = "analysis-service";
        public static final String SEARCH = "search-service";
        public static final String OPERATIONS = "operations-service";

        private Services() {
        }
    }

    /** The base URIs of {@code service}'s instances. */
    public List<URI> instances(String service) {
        return switch (service) {
            case Services.INGEST -> ingestUri;
            case Services.ANALYSIS -> analysisUri;
            case Services.SEARCH -> searchUri;
            case Services.OPERATIONS -> operationsUri;
            default -> throw new IllegalArgumentException("No such service: " + service);
        };
    }
}

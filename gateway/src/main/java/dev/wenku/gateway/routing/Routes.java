package dev.wenku.gateway.routing;

import dev.wenku.gateway.routing.GatewayProperties.Services;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The public API, one route per service, balanced over the service's instances ({@link ServiceInstances}). Each
 * route has its own response timeout and circuit breaker (named after the service, answering a JSON 503 through
 * {@link ServiceUnavailableFallback} while the service is down); only
 * GETs are retried; request bodies are capped by {@link BodySizeLimitFilter}. Error statuses and bodies from the
 * services pass through unchanged.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    /** Where each service serves its OpenAPI description (springdoc's default), and the gateway all of them. */
    static final String API_DOCS = "/v3/api-docs";

    @Bean
    RouteLocator publicApi(RouteLocatorBuilder routes, GatewayProperties properties) {
        return routes.routes()
            // Reading views of single documents come from the index; checked before the editors' document API.
            .route("reading", r -> r.order(-1).path("/api/documents/*/related", "/api/documents/*/reading",
                    "/api/documents/*/passages/*/similar")
                .filters(f -> guard(f, Services.SEARCH, properties))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.readTimeout().toMillis())
                .uri(balanced(Services.SEARCH)))
            .route("documents", r -> r.path("/api/documents", "/api/documents/**", "/api/imports", "/api/imports/**")
                .filters(f -> guard(f, Services.INGEST, properties))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.uploadTimeout().toMillis())
                .uri(balanced(Services.INGEST)))
            .route("analysis", r -> r.path("/api/themes", "/api/themes/**", "/api/analysis/**")
                .filters(f -> guard(f, Services.ANALYSIS, properties))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.readTimeout().toMillis())
                .uri(balanced(Services.ANALYSIS)))
            .route("search", r -> r.path("/api/search", "/api/search/**")
                .filters(f -> guard(f, Services.SEARCH, properties))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.readTimeout().toMillis())
                .uri(balanced(Services.SEARCH)))
            // Each service's OpenAPI description, for Swagger UI and anyone else: /v3/api-docs/<service>.
            .route("api-docs-ingest", r -> apiDocs(r, Services.INGEST, properties))
            .route("api-docs-analysis", r -> apiDocs(r, Services.ANALYSIS, properties))
            .route("api-docs-search", r -> apiDocs(r, Services.SEARCH, properties))
            .route("api-docs-operations", r -> apiDocs(r, Services.OPERATIONS, properties))
            // A replay reads two topics to their end: the upload timeout, not the read timeout.
            .route("operations", r -> r.path("/api/operations/**")
                .filters(f -> guard(f, Services.OPERATIONS, properties))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.uploadTimeout().toMillis())
                .uri(balanced(Services.OPERATIONS)))
            .build();
    }

    private static Buildable<Route> apiDocs(PredicateSpec route, String service, GatewayProperties properties) {
        return route.path(API_DOCS + "/" + service)
            .filters(f -> guard(f, service, properties).setPath(API_DOCS))
            .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.readTimeout().toMillis())
            .uri(balanced(service));
    }

    /** The service's instances, as {@link ServiceInstances} lists them to Spring Cloud LoadBalancer. */
    private static URI balanced(String service) {
        return URI.create("lb://" + service);
    }

    private static GatewayFilterSpec guard(GatewayFilterSpec filters, String service, GatewayProperties properties) {
        // The breaker sees one outcome per request, after the GET retries inside it.
        filters.circuitBreaker(breaker -> breaker.setName(service)
            .setFallbackUri(URI.create("forward:" + ServiceUnavailableFallback.PATH + "/" + service)));
        return properties.getRetries() == 0 ? filters : filters.retry(retry -> getOnly(retry, properties.getRetries()));
    }

    /**
     * GETs are retried only when the service could not be reached at all: a request that reached it was handled there,
     * and its answer (a 503 included) is the caller's. Retrying answers would multiply a failing request's cost and
     * its log, three times over, on a service already in trouble.
     */
    private static void getOnly(RetryConfig retry, int retries) {
        retry.setRetries(retries).setMethods(HttpMethod.GET)
            .setSeries()
            .setStatuses()
            .setExceptions(ConnectException.class, ConnectTimeoutException.class)
            .setBackoff(Duration.ofMillis(50), Duration.ofMillis(500), 2, true);
    }
}

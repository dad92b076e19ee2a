package dev.wenku.gateway.routing;

import dev.wenku.gateway.routing.GatewayProperties.Services;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
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
    RouteLocator publicApi(RouteLocatorBuilder routes, GatewayProperties properties,
                           SpringCloudCircuitBreakerFilterFactory breakers, RetryGatewayFilterFactory retries) {
        Guard guard = new Guard(properties, breakers, retries);
        return routes.routes()
            // Reading views of single documents come from the index; checked before the editors' document API.
            .route("reading", r -> r.order(-1).path("/api/documents/*/related", "/api/documents/*/reading",
                    "/api/documents/*/passages/*/similar")
                .filters(f -> guard.of(f, Services.SEARCH))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.readTimeout().toMillis())
                .uri(balanced(Services.SEARCH)))
            .route("documents", r -> r.path("/api/documents", "/api/documents/**", "/api/imports", "/api/imports/**")
                .filters(f -> guard.of(f, Services.INGEST))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.uploadTimeout().toMillis())
                .uri(balanced(Services.INGEST)))
            .route("analysis", r -> r.path("/api/themes", "/api/themes/**", "/api/analysis/**")
                .filters(f -> guard.of(f, Services.ANALYSIS))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.readTimeout().toMillis())
                .uri(balanced(Services.ANALYSIS)))
            .route("search", r -> r.path("/api/search", "/api/search/**")
                .filters(f -> guard.of(f, Services.SEARCH))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.readTimeout().toMillis())
                .uri(balanced(Services.SEARCH)))
            // Each service's OpenAPI description, for Swagger UI and anyone else: /v3/api-docs/<service>.
            .route("api-docs-ingest", r -> apiDocs(r, Services.INGEST, guard))
            .route("api-docs-analysis", r -> apiDocs(r, Services.ANALYSIS, guard))
            .route("api-docs-search", r -> apiDocs(r, Services.SEARCH, guard))
            .route("api-docs-operations", r -> apiDocs(r, Services.OPERATIONS, guard))
            // A replay reads two topics to their end: the upload timeout, not the read timeout.
            .route("operations", r -> r.path("/api/operations/**")
                .filters(f -> guard.of(f, Services.OPERATIONS))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.uploadTimeout().toMillis())
                .uri(balanced(Services.OPERATIONS)))
            .build();
    }

    private static Buildable<Route> apiDocs(PredicateSpec route, String service, Guard guard) {
        return route.path(API_DOCS + "/" + service)
            .filters(f -> guard.of(f, service).setPath(API_DOCS))
            .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, guard.properties().readTimeout().toMillis())
            .uri(balanced(service));
    }

    /** The service's instances, as {@link ServiceInstances} lists them to Spring Cloud LoadBalancer. */
    private static URI balanced(String service) {
        return URI.create("lb://" + service);
    }

    /**
     * The filters every route has: a circuit breaker and retries of GETs, made here from their factories rather than
     * by the route's {@code circuitBreaker(...)} and {@code retry(...)}. Those name each filter after its route, and a
     * breaker with a fallback or a retry filter named after a route has the gateway hold each request's whole body in
     * memory before forwarding it, to send it again. Neither needs it: only GETs are retried, which have no body, and
     * the fallback answers without reading it. Imports and uploads stream through instead of waiting in the gateway's
     * memory, a whole corpus's NDJSON at a time.
     */
    private record Guard(GatewayProperties properties, SpringCloudCircuitBreakerFilterFactory breakers,
                         RetryGatewayFilterFactory retries) {

        GatewayFilterSpec of(GatewayFilterSpec filters, String service) {
            // The breaker sees one outcome per request, after the GET retries inside it.
            filters.filter(breakers.apply(new SpringCloudCircuitBreakerFilterFactory.Config().setName(service)
                .setFallbackUri(URI.create("forward:" + ServiceUnavailableFallback.PATH + "/" + service))));
            if (properties.getRetries() == 0) {
                return filters;
            }
            return filters.filter(retries.apply(getOnly(new RetryConfig(), properties.getRetries())));
        }
    }

    /**
     * GETs are retried only when the service could not be reached at all: a request that reached it was handled there,
     * and its answer (a 503 included) is the caller's. Retrying answers would multiply a failing request's cost and
     * its log, three times over, on a service already in trouble.
     */
    private static RetryConfig getOnly(RetryConfig retry, int retries) {
        return retry.setRetries(retries).setMethods(HttpMethod.GET)
            .setSeries()
            .setStatuses()
            .setExceptions(ConnectException.class, ConnectTimeoutException.class)
            .setBackoff(Duration.ofMillis(50), Duration.ofMillis(500), 2, true);
    }
}

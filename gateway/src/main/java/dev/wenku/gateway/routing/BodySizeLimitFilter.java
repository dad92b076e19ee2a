package dev.wenku.gateway.routing;

import dev.wenku.support.problem.reactive.ReactiveProblems;
import dev.wenku.support.problem.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared body is larger than its API allows ({@code wenku.gateway.max-upload-size} for
 * the documents API, {@code max-request-size} for the rest) with 413 before any of it is read or forwarded. Bodies
 * without a declared length are bounded by the services themselves.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodySizeLimitFilter implements WebFilter {

    private final GatewayProperties properties;

    BodySizeLimitFilter(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        String path = exchange.getRequest().getPath().value();
        DataSize limit = path.startsWith("/api/documents") || path.startsWith("/api/imports")
            ? properties.maxUploadSize() : properties.maxRequestSize();
        if (length > limit.toBytes()) {
            return ReactiveProblems.write(exchange, ErrorCode.REQUEST_TOO_LARGE,
                "The request body has " + length + " bytes; at most " + limit.toMegabytes() + " MB ("
                    + limit.toBytes() + " bytes) are accepted here.");
        }
        return chain.filter(exchange);
    }
}

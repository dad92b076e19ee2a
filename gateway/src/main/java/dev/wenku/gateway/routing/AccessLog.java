package dev.wenku.gateway.routing;

import dev.wenku.support.requestid.ReactiveRequestIdFilter;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One log line per API request: method, path, status, time, with the request's trace and request id. Reactive
 * code runs on no fixed thread, so the trace id is taken from the request's own observation, not from the MDC.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class AccessLog implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            String traceId = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(tracing -> tracing.getSpan()).map(span -> span.context().traceId()).orElse("");
            MDC.put("traceId", traceId);
            try {
                log.info("{} {} {} {} ms [{}]", exchange.getRequest().getMethod(), path,
                    exchange.getResponse().getStatusCode(), (System.nanoTime() - start) / 1_000_000,
                    exchange.<String>getAttribute(ReactiveRequestIdFilter.ATTRIBUTE));
            } finally {
                MDC.remove("traceId");
            }
        });
    }
}

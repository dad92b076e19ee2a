package dev.wenku.support.requestid;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The reactive side of {@link RequestIdFilter} (the gateway): every request gets an {@value RequestIds#HEADER}
 * (the caller's when it is a safe token, otherwise a new UUID), which is passed on to the services (which write it
 * in their logs), kept as the exchange attribute {@value #ATTRIBUTE} and returned in the response exactly once
 * (set when the response is committed, replacing the copy a service echoed).
 */
public class ReactiveRequestIdFilter implements WebFilter, Ordered {

    public static final String ATTRIBUTE = "wenku.requestId";

    /** First of all filters, so even a 401 or 429 carries the id. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.keepOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> h.set(RequestIds.HEADER, id))).build());
    }
}

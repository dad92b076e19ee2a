package dev.wenku.gateway.routing;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id} (the caller's, when it is a plausible id, otherwise a new one),
 * passes it to the services, which write it in their logs, and returns it in the response, so a reader's report
 * of a failed request can be found in every log. Runs first, so even a 401 or 429 carries it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && PLAUSIBLE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> h.set(HEADER, id))).build());
    }
}

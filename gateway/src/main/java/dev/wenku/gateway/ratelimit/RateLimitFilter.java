package dev.wenku.gateway.ratelimit;

import dev.wenku.support.problem.reactive.ReactiveProblems;
import dev.wenku.support.problem.ErrorCode;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Enforces {@link RateLimitProperties} before authentication, so password guessing is limited as well as floods.
 * Health probes are exempt: an orchestrator must always reach them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter implements WebFilter {

    private final RateLimitProperties properties;
    private final ClientBudgets budgets;

    RateLimitFilter(RateLimitProperties properties) {
        this.properties = properties;
        this.budgets = new ClientBudgets(properties, System::nanoTime);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!properties.enabled() || request.getPath().value().startsWith("/actuator/health")) {
            return chain.filter(exchange);
        }
        boolean write = !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()));
        long waitNanos = budgets.spend(client(request), write);
        if (waitNanos == 0) {
            return chain.filter(exchange);
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999));
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
        return ReactiveProblems.write(exchange, ErrorCode.RATE_LIMITED,
            "Too many " + (write ? "changes" : "requests") + " from this client; try again in " + seconds + " s.");
    }

    private String client(ServerHttpRequest request) {
        if (properties.trustForwardedFor()) {
            String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}

package dev.wenku.gateway.ratelimit;

import dev.wenku.gateway.ratelimit.ClientBudgets.Budget;
import dev.wenku.gateway.security.HealthProbes;
import dev.wenku.gateway.security.PasswordChecks;
import dev.wenku.support.problem.reactive.ReactiveProblems;
import dev.wenku.support.problem.ErrorCode;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Enforces {@link RateLimitProperties} before authentication, so password guessing is limited as well as floods. A
 * request spends its read or write budget; one that makes the gateway check a password (a log-in, or Basic
 * credentials not verified just now: {@link PasswordChecks#recentlyVerified}) spends the log-in budget too, whatever
 * its method, as each such check costs a bcrypt and may be a guess. Only the exact health probes are exempt
 * ({@link HealthProbes}): an orchestrator must always reach them, and they look at no credentials.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter implements WebFilter {

    private final RateLimitProperties properties;
    private final PasswordChecks passwords;
    private final ClientBudgets budgets;

    RateLimitFilter(RateLimitProperties properties, PasswordChecks passwords) {
        this.properties = properties;
        this.passwords = passwords;
        this.budgets = new ClientBudgets(properties, System::nanoTime);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!properties.enabled() || HealthProbes.isProbe(request.getPath().value())) {
            return chain.filter(exchange);
        }
        String client = client(request);
        if (checksAPassword(request)) {
            long wait = budgets.spend(client, Budget.LOG_IN);
            if (wait > 0) {
                return refuse(exchange, wait, "log-in attempts");
            }
        }
        boolean write = !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()));
        long wait = budgets.spend(client, write ? Budget.WRITE : Budget.READ);
        return wait == 0 ? chain.filter(exchange) : refuse(exchange, wait, write ? "changes" : "requests");
    }

    private boolean checksAPassword(ServerHttpRequest request) {
        if (HttpMethod.POST.equals(request.getMethod()) && request.getPath().value().equals("/api/session")) {
            return true;
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
            && !passwords.recentlyVerified(authorization);
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, long waitNanos, String what) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999));
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
        return ReactiveProblems.write(exchange, ErrorCode.RATE_LIMITED,
            "Too many " + what + " from this client; try again in " + seconds + " s.");
    }

    /**
     * The client's address: the connection's, or behind a trusted proxy the right-most of {@code X-Forwarded-For},
     * which that proxy appended (every address left of it is whatever the client chose to send).
     */
    private String client(ServerHttpRequest request) {
        if (properties.trustForwardedFor()) {
            String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}

package dev.wenku.gateway.routing;

import dev.wenku.support.security.CallerTokens;
import dev.wenku.support.security.Roles;
import java.security.Principal;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the services who is calling, in a way they can check: every forwarded request carries a caller token the
 * gateway signs ({@link CallerTokens}: the account's name and roles, or {@value CallerTokens#ANONYMOUS} without
 * roles), as {@code Authorization: Bearer}. The caller's own credentials stop here: their {@code Authorization} (a
 * password, with Basic, or the gateway's session token) and {@code Cookie} are never passed on, so no service, log or
 * proxy behind the gateway ever sees them, and nothing a client sends can pass for the gateway's signature.
 */
@Component
class CallerTokenRelay implements GlobalFilter, Ordered {

    private final CallerTokens tokens;

    CallerTokenRelay(CallerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal().map(this::tokenFor).switchIfEmpty(Mono.fromSupplier(this::anonymous))
            .flatMap(token -> chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
                headers.remove(HttpHeaders.COOKIE);
                headers.setBearerAuth(token);
            })).build()));
    }

    private String tokenFor(Principal principal) {
        if (principal instanceof Authentication caller && caller.isAuthenticated()
                && !(caller instanceof AnonymousAuthenticationToken)) {
            return tokens.current(caller.getName(), Roles.names(caller.getAuthorities()));
        }
        return anonymous();
    }

    private String anonymous() {
        return tokens.current(CallerTokens.ANONYMOUS, List.of());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

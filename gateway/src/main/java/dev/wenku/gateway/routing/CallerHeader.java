package dev.wenku.gateway.routing;

import dev.wenku.support.identity.Caller;
import java.security.Principal;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the services who is calling: the authenticated account's name in {@value Caller#HEADER}, so ingest-service
 * can record who uploaded or changed a document. A value the client sent itself is always removed first. The
 * caller's credentials stop here: {@code Authorization} (a password, with Basic) and {@code Cookie} are never
 * passed on, so no service, log or proxy behind the gateway ever sees them.
 */
@Component
class CallerHeader implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("")
            .flatMap(name -> chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
                headers.remove(Caller.HEADER);
                headers.remove(HttpHeaders.AUTHORIZATION);
                headers.remove(HttpHeaders.COOKIE);
                if (!name.isBlank()) {
                    headers.set(Caller.HEADER, name);
                }
            })).build()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

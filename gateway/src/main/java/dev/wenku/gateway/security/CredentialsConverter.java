package dev.wenku.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerHttpBasicAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Reads the {@code Authorization} header: Basic (user name and password) or Bearer (a token); nothing otherwise. */
final class CredentialsConverter implements ServerAuthenticationConverter {

    private final ServerHttpBasicAuthenticationConverter basic = new ServerHttpBasicAuthenticationConverter();
    private final ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Mono.empty();
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic.convert(exchange);
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer.convert(exchange);
        }
        return Mono.empty();
    }
}

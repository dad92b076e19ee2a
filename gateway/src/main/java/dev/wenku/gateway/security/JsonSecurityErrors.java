package dev.wenku.gateway.security;

import dev.wenku.gateway.web.JsonErrors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as JSON, with no {@code WWW-Authenticate: Basic} that would pop up a browser's log-in box. */
final class JsonSecurityErrors {

    private JsonSecurityErrors() {
    }

    static ServerAuthenticationEntryPoint unauthenticated() {
        return (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return JsonErrors.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                "This needs an editor or operator account: log in with POST /api/session, or send "
                    + "'Authorization: Bearer <token>'.");
        };
    }

    static ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> exchange.getPrincipal().map(p -> p.getName()).defaultIfEmpty("this account")
            .flatMap(name -> JsonErrors.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                "The account '" + name + "' lacks the role this needs (" + requiredRole(exchange) + ")."));
    }

    static Mono<Void> badCredentials(WebFilterExchange exchange, AuthenticationException e) {
        exchange.getExchange().getResponse().getHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return JsonErrors.write(exchange.getExchange(), HttpStatus.UNAUTHORIZED, "bad_credentials",
            "The credentials were not accepted: " + e.getMessage());
    }

    private static String requiredRole(ServerWebExchange exchange) {
        return AccessRules.isOperatorPath(exchange.getRequest().getPath().value()) ? Roles.OPERATOR : Roles.EDITOR;
    }
}

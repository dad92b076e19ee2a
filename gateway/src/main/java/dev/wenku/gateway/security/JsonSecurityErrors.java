package dev.wenku.gateway.security;

import dev.wenku.support.problem.reactive.ReactiveProblems;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.security.Roles;
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
            return ReactiveProblems.write(exchange, ErrorCode.UNAUTHENTICATED,
                "This needs an editor or operator account: log in with POST /api/session, or send "
                    + "'Authorization: Bearer <token>'.");
        };
    }

    static ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> exchange.getPrincipal().map(p -> p.getName()).defaultIfEmpty("this account")
            .flatMap(name -> ReactiveProblems.write(exchange, ErrorCode.FORBIDDEN,
                "The account '" + name + "' lacks the role this needs (" + requiredRole(exchange) + ")."));
    }

    static Mono<Void> badCredentials(WebFilterExchange exchange, AuthenticationException e) {
        return refused(exchange.getExchange(), e, "The credentials were not accepted: " + e.getMessage());
    }

    /**
     * A refused log-in or credential: 429 with {@code Retry-After} while the account is in back-off after failed
     * log-ins, 503 when a session cannot be checked (the session store is down: the session may well be valid),
     * otherwise 401 with {@code detail}.
     */
    static Mono<Void> refused(ServerWebExchange exchange, AuthenticationException e, String detail) {
        if (e instanceof SessionStoreUnavailableException) {
            exchange.getResponse().getHeaders().set("Retry-After", "5");
            return ReactiveProblems.write(exchange, ErrorCode.SERVICE_UNAVAILABLE, e.getMessage());
        }
        if (e instanceof LogInBackOffException backOff) {
            exchange.getResponse().getHeaders().set("Retry-After", Long.toString(backOff.retryAfterSeconds()));
            return ReactiveProblems.write(exchange, ErrorCode.RATE_LIMITED, backOff.getMessage());
        }
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return ReactiveProblems.write(exchange, ErrorCode.BAD_CREDENTIALS, detail);
    }

    private static String requiredRole(ServerWebExchange exchange) {
        return AccessRules.isOperatorPath(exchange.getRequest().getPath().value()) ? Roles.OPERATOR : Roles.EDITOR;
    }
}

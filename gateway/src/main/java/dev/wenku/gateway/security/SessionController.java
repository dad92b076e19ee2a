package dev.wenku.gateway.security;

import dev.wenku.support.problem.reactive.ReactiveProblems;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.security.Roles;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The web UI's log-in: a user name and password in, a session token out; log-out ends the session on every gateway
 * sharing the session store.
 */
@RestController
@RequestMapping("/api/session")
class SessionController {

    record LogIn(String username, String password) {
    }

    record Session(String token, String username, List<String> roles, Instant expiresAt) {
    }

    record Account(String username, List<String> roles) {
    }

    private final PasswordChecks passwords;
    private final AccessTokens tokens;

    SessionController(PasswordChecks passwords, AccessTokens tokens) {
        this.passwords = passwords;
        this.tokens = tokens;
    }

    @PostMapping
    Mono<ResponseEntity<Session>> logIn(@RequestBody(required = false) LogIn logIn, ServerWebExchange exchange) {
        if (logIn == null || logIn.username() == null || logIn.username().isBlank() || logIn.password() == null) {
            return ReactiveProblems.write(exchange, ErrorCode.MISSING_CREDENTIALS,
                "Send {\"username\": \"...\", \"password\": \"...\"}.").then(Mono.empty());
        }
        return passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(logIn.username().strip(),
                logIn.password()))
            // Storing the session may be a database round trip: off the event loop.
            .publishOn(Schedulers.boundedElastic())
            .map(authenticated -> {
                List<String> roles = Roles.names(authenticated.getAuthorities());
                AccessTokens.Issued issued = tokens.issue(authenticated.getName(), roles);
                return ResponseEntity.ok(new Session(issued.token(), authenticated.getName(), roles,
                    issued.grant().expiresAt()));
            })
            .onErrorResume(AuthenticationException.class, e -> JsonSecurityErrors.refused(exchange, e,
                "Unknown user name or wrong password.").then(Mono.empty()));
    }

    @GetMapping
    Account current(Authentication authentication) {
        return new Account(authentication.getName(), Roles.names(authentication.getAuthorities()));
    }

    /** Ends the session on every gateway that shares the session store. */
    @DeleteMapping
    Mono<ResponseEntity<Void>> logOut(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.just(ResponseEntity.noContent().build());
        }
        return Mono.fromRunnable(() -> tokens.revoke(header.substring(7).strip()))
            .subscribeOn(Schedulers.boundedElastic())
            .thenReturn(ResponseEntity.noContent().build());
    }
}

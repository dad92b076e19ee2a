package dev.wenku.gateway.routing;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.reactive.ReactiveProblems;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What a caller gets while a service is down, slow past its timeout, or its circuit breaker is open. A request the
 * gateway itself refused while forwarding it (a chunked body past its limit) gets that refusal instead: the service
 * is not at fault, and the circuit breaker ignores such refusals ({@code ignore-exceptions} in application.yml).
 */
@RestController
class ServiceUnavailableFallback {

    static final String PATH = "/fallback";

    @RequestMapping(PATH + "/{service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return ReactiveProblems.write(exchange, refused);
            }
        }
        return ReactiveProblems.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
            service + " is not answering at the moment; nothing was changed by this request unless it said so."
                + " Try again in a few seconds.");
    }
}

package dev.wenku.gateway.routing;

import dev.wenku.support.problem.reactive.ReactiveProblems;
import dev.wenku.support.problem.ErrorCode;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What a caller gets while a service is down, slow past its timeout, or its circuit breaker is open. */
@RestController
class ServiceUnavailableFallback {

    static final String PATH = "/fallback";

    @RequestMapping(PATH + "/{service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        return ReactiveProblems.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
            service + " is not answering at the moment; nothing was changed by this request unless it said so."
                + " Try again in a few seconds.");
    }
}

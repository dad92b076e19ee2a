package dev.wenku.support.problem.reactive;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error a reactive application (the gateway) does not answer itself becomes a problem document of the
 * catalogue: no handler for a path is {@code not_found}, a wrong method {@code method_not_allowed}, anything
 * unexpected {@code internal_error} (logged with its stack trace; the answer names no internals). Runs before Spring
 * Boot's default handler, which would answer in a shape of its own.
 */
public class ReactiveProblemsExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ReactiveProblemsExceptionHandler.class);

    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (error instanceof ApiException refused) {
            return ReactiveProblems.write(exchange, refused);
        }
        if (error instanceof ResponseStatusException status) {
            return ReactiveProblems.write(exchange, codeOf(status.getStatusCode()), detailOf(exchange, status));
        }
        log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return ReactiveProblems.write(exchange, ErrorCode.INTERNAL_ERROR,
            "The request failed on our side; the logs have the details under its request id.");
    }

    private static ErrorCode codeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }

    private static String detailOf(ServerWebExchange exchange, ResponseStatusException status) {
        if (status.getStatusCode().value() == 404) {
            return "No API at " + exchange.getRequest().getPath().value() + ".";
        }
        return status.getReason() != null ? status.getReason() : status.getMessage();
    }
}

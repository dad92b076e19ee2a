package dev.wenku.support.problem.reactive;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.Problems;
import dev.wenku.support.requestid.ReactiveRequestIdFilter;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem document of the {@link ErrorCode catalogue} as the answer of a reactive exchange (the gateway's
 * own refusals: 401, 403, 413, 429, 503), in the same shape as the services' answers.
 */
public final class ReactiveProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReactiveProblems() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail) {
        return write(exchange, new ApiException(code, detail));
    }

    public static Mono<Void> write(ServerWebExchange exchange, ApiException e) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        ProblemDetail problem = Problems.of(e, exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE),
            exchange.getRequest().getPath().value(), exchange.getAttribute(ReactiveRequestIdFilter.ATTRIBUTE));
        response.setStatusCode(e.code().status());
        // A header the caller set already (e.g. a Retry-After of its own) stays as it is.
        Problems.headers(e.code()).forEach((name, values) -> {
            if (!response.getHeaders().containsHeader(name)) {
                response.getHeaders().put(name, values);
            }
        });
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = JSON.writeValueAsString(Problems.members(problem)).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}

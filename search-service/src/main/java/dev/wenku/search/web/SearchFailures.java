package dev.wenku.search.web;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.Problems;
import dev.wenku.support.requestid.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A search that Elasticsearch could not answer (unreachable, overloaded, failing) is {@code 503 search_unavailable}:
 * the reader may retry. One it refused as invalid (a {@code 4xx} about the request, such as paging past its result
 * window) would fail again however often it is retried, so it is {@code 400 invalid_request}; that is the reader's
 * doing rather than ours, so its log line has no stack trace. Everything else follows the shared catalogue.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SearchFailures {

    private static final Logger log = LoggerFactory.getLogger(SearchFailures.class);

    /**
     * {@code 4xx} answers that are about our deployment or Elasticsearch's load, not about the request: credentials
     * (401, 403), a missing index (404), and overload (408, 429). They stay retryable {@code 503}s.
     */
    private static final Set<Integer> NOT_THE_READERS = Set.of(401, 403, 404, 408, 429);

    @ExceptionHandler(ElasticsearchException.class)
    ResponseEntity<ProblemDetail> elasticsearchAnswered(ElasticsearchException e, HttpServletRequest request) {
        if (e.status() < 400 || e.status() >= 500 || NOT_THE_READERS.contains(e.status())) {
            return searchUnavailable(e, request);
        }
        log.warn("{} {}: Elasticsearch refused the search ({} {})", request.getMethod(), request.getRequestURI(),
            e.status(), rootCause(e));
        return answer(ErrorCode.INVALID_REQUEST, "This search cannot be run; change the query or the paging.", request);
    }

    @ExceptionHandler(IOException.class)
    ResponseEntity<ProblemDetail> searchUnavailable(Exception e, HttpServletRequest request) {
        log.warn("Search failed: {}", e.toString());
        return answer(ErrorCode.SEARCH_UNAVAILABLE, "Search is unavailable right now; try again shortly.", request);
    }

    private static ResponseEntity<ProblemDetail> answer(ErrorCode code, String detail, HttpServletRequest request) {
        return ResponseEntity.status(code.status()).headers(Problems.headers(code))
            .body(Problems.of(code, detail, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), request.getRequestURI(),
                MDC.get(RequestIds.MDC_KEY)));
    }

    /** The first root cause's type and reason, on one line: what Elasticsearch objected to. */
    private static String rootCause(ElasticsearchException e) {
        ErrorCause cause = e.error().rootCause().isEmpty() ? e.error() : e.error().rootCause().getFirst();
        String what = cause.reason() == null ? cause.type() : cause.type() + ": " + cause.reason();
        return what.replaceAll("\\s+", " ");
    }
}

package dev.wenku.search.web;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.Problems;
import dev.wenku.support.requestid.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
 * A search that Elasticsearch could not answer (unreachable, or failing the request) is {@code 503
 * search_unavailable}: the reader may retry; everything else follows the shared catalogue.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SearchFailures {

    private static final Logger log = LoggerFactory.getLogger(SearchFailures.class);

    @ExceptionHandler({IOException.class, ElasticsearchException.class})
    ResponseEntity<ProblemDetail> searchUnavailable(Exception e, HttpServletRequest request) {
        log.warn("Search failed: {}", e.toString());
        ErrorCode code = ErrorCode.SEARCH_UNAVAILABLE;
        return ResponseEntity.status(code.status()).headers(Problems.headers(code))
            .body(Problems.of(code, "Search is unavailable right now; try again shortly.",
                request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), request.getRequestURI(),
                MDC.get(RequestIds.MDC_KEY)));
    }
}

package dev.wenku.support.problem.servlet;

import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.Problems;
import dev.wenku.support.requestid.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A service whose database cannot be reached (down, restarting, out of connections) answers {@code 503
 * database_unavailable} with {@code Retry-After}: the transaction was not committed, so nothing of the request was
 * stored and it can be sent again. Other database errors are bugs, answered {@code internal_error}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DataAccessProblems {

    private static final Logger log = LoggerFactory.getLogger(DataAccessProblems.class);

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
        CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request) {
        log.warn("{} {}: the database is unavailable ({})", request.getMethod(), request.getRequestURI(),
            NestedExceptionUtils.getMostSpecificCause(e).toString());
        ErrorCode code = ErrorCode.DATABASE_UNAVAILABLE;
        return ResponseEntity.status(code.status()).headers(Problems.headers(code))
            .body(Problems.of(code, "The database did not answer; nothing of this request was stored. Retry later.",
                request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), request.getRequestURI(), MDC.get(RequestIds.MDC_KEY)));
    }
}

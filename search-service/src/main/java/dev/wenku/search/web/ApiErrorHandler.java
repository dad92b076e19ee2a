package dev.wenku.search.web;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.wenku.search.query.DocumentNotIndexed;
import dev.wenku.search.query.InvalidSearch;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(InvalidSearch.class)
    ResponseEntity<ApiError> invalid(InvalidSearch e) {
        return ResponseEntity.badRequest().body(new ApiError(e.error(), e.getMessage()));
    }

    @ExceptionHandler(DocumentNotIndexed.class)
    ResponseEntity<ApiError> notFound(DocumentNotIndexed e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError("not_found", e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> wrongType(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(new ApiError("invalid_" + e.getName(),
            e.getName() + " must be a whole number, got '" + e.getValue() + "'."));
    }

    @ExceptionHandler({IOException.class, ElasticsearchException.class})
    ResponseEntity<ApiError> searchUnavailable(Exception e) {
        log.warn("Search failed", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
            .body(new ApiError("search_unavailable", "Search is unavailable right now; try again shortly."));
    }
}

package dev.wenku.ingest.web;

import dev.wenku.ingest.documents.DocumentNotFound;
import dev.wenku.ingest.documents.InvalidRequest;
import dev.wenku.ingest.documents.PublishFailed;
import dev.wenku.ingest.documents.UploadRejected;
import dev.wenku.kafkatable.TableUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(UploadRejected.class)
    ResponseEntity<ApiError> rejected(UploadRejected e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.error(), e.getMessage(), e.byteOffset()));
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ApiError> invalid(InvalidRequest e) {
        return ResponseEntity.badRequest().body(new ApiError(e.error(), e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> wrongType(MethodArgumentTypeMismatchException e) {
        boolean flag = e.getRequiredType() == boolean.class || e.getRequiredType() == Boolean.class;
        return ResponseEntity.badRequest().body(new ApiError("invalid_" + e.getName(), e.getName() + " must be "
            + (flag ? "true or false" : "a whole number") + ", got '" + e.getValue() + "'."));
    }

    @ExceptionHandler(DocumentNotFound.class)
    ResponseEntity<ApiError> notFound(DocumentNotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError("not_found", e.getMessage()));
    }

    @ExceptionHandler({PublishFailed.class, TableUnavailable.class})
    ResponseEntity<ApiError> kafkaUnavailable(RuntimeException e) {
        log.warn("Request not accepted: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
            .body(new ApiError("kafka_unavailable",
                "The document could not be stored right now (Kafka did not acknowledge it); nothing was accepted. Retry later."));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> malformed(HttpMessageNotReadableException e) {
        String detail = e.getMostSpecificCause().getMessage();
        return ResponseEntity.badRequest().body(new ApiError("malformed_json",
            "The request body is not a valid JSON document: " + (detail == null ? "" : detail.lines().findFirst().orElse(""))));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        // A Content-Type that cannot even be parsed (e.g. an unknown charset) reaches here without a parsed type.
        String sent = request.getContentType();
        String problem = sent == null ? "A request without a Content-Type is not supported"
            : e.getContentType() == null ? "Content-Type \"" + sent + "\" is not valid (" + e.getMessage() + ")"
            : "Content-Type " + e.getContentType() + " is not supported";
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(new ApiError("unsupported_media_type",
            problem + "; send application/json, text/plain or multipart/form-data with a \"file\" part."));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(new ApiError("file_too_large",
            "The upload is larger than allowed (spring.servlet.multipart.max-file-size / max-request-size)."));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e) {
        return ResponseEntity.badRequest().body(new ApiError("missing_file",
            "The multipart request has no \"" + e.getRequestPartName() + "\" part."));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> badMultipart(MultipartException e) {
        return ResponseEntity.badRequest().body(new ApiError("malformed_multipart",
            "The multipart request could not be read: " + e.getMessage()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(new ApiError("method_not_allowed",
            e.getMethod() + " is not supported here."));
    }
}

package dev.wenku.support.problem.servlet;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.Problems;
import dev.wenku.support.requestid.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of a Spring MVC service as a problem document of the {@link ErrorCode catalogue}: the
 * {@link ApiException}s services throw, Spring MVC's own exceptions (unreadable body, wrong parameter type, unknown
 * path, …) and, as {@code internal_error}, anything unexpected (logged with its stack trace; the answer names no
 * internals). Ordered last, so a service's own advice can map its special cases first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e, HttpServletRequest request) {
        if (e.code().status().is5xxServerError()) {
            log.warn("{} {} answered {}: {}{}", request.getMethod(), request.getRequestURI(), e.code().code(),
                e.getMessage(), e.getCause() == null ? "" : " (" + e.getCause() + ")");
        }
        return ResponseEntity.status(e.code().status()).headers(Problems.headers(e.code()))
            .body(Problems.of(e, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), request.getRequestURI(),
                MDC.get(RequestIds.MDC_KEY)));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(MultipartException e, HttpServletRequest request) {
        return answer(ErrorCode.MALFORMED_MULTIPART, "The multipart request could not be read: " + e.getMessage(),
            request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return answer(ErrorCode.INTERNAL_ERROR, "The request failed on our side; the logs have the details under"
            + " its request id.", request);
    }

    /** Spring MVC's own exceptions, which {@link ResponseEntityExceptionHandler} turns into problem documents. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest webRequest) {
        HttpServletRequest request = ((ServletWebRequest) webRequest).getRequest();
        ErrorCode code = codeOf(e, status);
        ApiException problem = new ApiException(code, detailOf(e, request));
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            problem.with("parameter", mismatch.getName());
        } else if (e instanceof MissingServletRequestParameterException missing) {
            problem.with("parameter", missing.getParameterName());
        }
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.putAll(headers);
        answerHeaders.putAll(Problems.headers(code));
        return ResponseEntity.status(code.status()).headers(answerHeaders)
            .body(Problems.of(problem, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), request.getRequestURI(),
                MDC.get(RequestIds.MDC_KEY)));
    }

    private static ResponseEntity<ProblemDetail> answer(ErrorCode code, String detail, HttpServletRequest request) {
        return ResponseEntity.status(code.status()).headers(Problems.headers(code))
            .body(Problems.of(code, detail, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), request.getRequestURI(),
                MDC.get(RequestIds.MDC_KEY)));
    }

    static ErrorCode codeOf(Exception e, HttpStatusCode status) {
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return isMissingBody(unreadable) ? ErrorCode.MISSING_BODY : ErrorCode.MALFORMED_JSON;
        } else if (e instanceof HttpMediaTypeNotSupportedException) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        } else if (e instanceof HttpMediaTypeNotAcceptableException) {
            return ErrorCode.NOT_ACCEPTABLE;
        } else if (e instanceof HttpRequestMethodNotSupportedException) {
            return ErrorCode.METHOD_NOT_ALLOWED;
        } else if (e instanceof MissingServletRequestPartException) {
            return ErrorCode.MISSING_FILE;
        } else if (e instanceof MaxUploadSizeExceededException) {
            return ErrorCode.FILE_TOO_LARGE;
        } else if (e instanceof NoResourceFoundException) {
            return ErrorCode.NOT_FOUND;
        } else if (e instanceof AsyncRequestTimeoutException) {
            return ErrorCode.SERVICE_UNAVAILABLE;
        } else if (status.is4xxClientError()) {
            return status.value() == 404 ? ErrorCode.NOT_FOUND
                : status.value() == 405 ? ErrorCode.METHOD_NOT_ALLOWED : ErrorCode.INVALID_PARAMETER;
        }
        return ErrorCode.INTERNAL_ERROR;
    }

    private static boolean isMissingBody(HttpMessageNotReadableException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Required request body is missing");
    }

    private static String detailOf(Exception e, HttpServletRequest request) {
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            Class<?> type = mismatch.getRequiredType();
            boolean flag = type == boolean.class || type == Boolean.class;
            boolean number = type != null && (Number.class.isAssignableFrom(type) || type.isPrimitive());
            return mismatch.getName() + " must be " + (flag ? "true or false" : number ? "a whole number"
                : "a valid " + (type == null ? "value" : type.getSimpleName())) + ", got '" + mismatch.getValue()
                + "'.";
        } else if (e instanceof TypeMismatchException mismatch) {
            return "The value '" + mismatch.getValue() + "' is not valid here.";
        } else if (e instanceof HttpMessageNotReadableException unreadable) {
            if (isMissingBody(unreadable)) {
                return "The request needs a body.";
            }
            String cause = unreadable.getMostSpecificCause().getMessage();
            return "The request body is not a valid JSON document of the expected shape"
                + (cause == null ? "." : ": " + cause.lines().findFirst().orElse(""));
        } else if (e instanceof HttpMediaTypeNotSupportedException unsupported) {
            // A Content-Type that cannot even be parsed (e.g. an unknown charset) arrives without a parsed type.
            String sent = request.getContentType();
            String problem = sent == null ? "A request without a Content-Type is not supported here"
                : unsupported.getContentType() == null ? "Content-Type \"" + sent + "\" is not valid"
                : "Content-Type " + unsupported.getContentType() + " is not supported here";
            return problem + "; send " + unsupported.getSupportedMediaTypes() + ".";
        } else if (e instanceof HttpRequestMethodNotSupportedException wrongMethod) {
            return wrongMethod.getMethod() + " is not supported here; use " + wrongMethod.getSupportedHttpMethods()
                + ".";
        } else if (e instanceof MissingServletRequestPartException missing) {
            return "The multipart request has no \"" + missing.getRequestPartName() + "\" part.";
        } else if (e instanceof MaxUploadSizeExceededException) {
            return "The upload is larger than the service accepts.";
        } else if (e instanceof NoResourceFoundException) {
            return "Nothing is at " + request.getRequestURI() + ".";
        }
        return e.getMessage();
    }
}

package dev.wenku.ingest.web;

import dev.wenku.ingest.IngestProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses an oversized upload from its Content-Length, before reading (and buffering) the body. */
@Component
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final IngestProperties properties;

    public RequestSizeLimitFilter(IngestProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > properties.maxRequestBytes()) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"error\":\"request_too_large\",\"message\":\"The request has " + length
                + " bytes; the limit is " + properties.maxRequestBytes() + " bytes.\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}

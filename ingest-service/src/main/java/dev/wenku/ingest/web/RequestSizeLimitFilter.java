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

/**
 * Refuses an oversized upload from its Content-Length, before reading (and buffering) the body. A body without a
 * Content-Length (chunked) is read here up to the same limit and refused as soon as it goes over, so the size of what
 * the service holds never depends on the sender. Multipart bodies are left to the multipart parser, which streams
 * their parts to disk within {@code spring.servlet.multipart.max-request-size}.
 */
@Component
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final IngestProperties properties;

    public RequestSizeLimitFilter(IngestProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = properties.maxRequestBytes();
        long length = request.getContentLengthLong();
        if (length > limit) {
            refuse(response, "The request has " + length + " bytes; the limit is " + limit + " bytes.");
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null && !isMultipart(request)) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                refuse(response, "The request has more than " + limit + " bytes; the limit is " + limit + " bytes.");
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"request_too_large\",\"message\":\"" + message + "\"}");
    }
}

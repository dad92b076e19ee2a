package dev.wenku.support.web;

import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.servlet.ServletProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps what a service reads of a request body, whoever sends it: an oversized body is refused from its
 * Content-Length before anything is read; a body without one (chunked) is read here up to the limit and refused as
 * soon as it goes over, so the size of what the service holds never depends on the sender. Multipart bodies are left
 * to the multipart parser, which streams their parts to disk within {@code spring.servlet.multipart.*}. Refusals are
 * {@code 413 request_too_large}.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final List<String> exempt;

    /**
     * @param limit  the most bytes a request body may have
     * @param exempt path prefixes whose bodies this filter leaves alone, because their handler streams them within a
     *               limit of its own (e.g. a bulk import spooled to disk)
     */
    public RequestSizeLimitFilter(long limit, String... exempt) {
        this.limit = limit;
        this.exempt = List.of(exempt);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return exempt.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > limit) {
            refuse(request, response, "The request has " + length + " bytes; the limit is " + limit + " bytes.");
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null && !isMultipart(request)) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                refuse(request, response, "The request has more than " + limit + " bytes; the limit is " + limit
                    + " bytes.");
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

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        ServletProblems.write(request, response, ErrorCode.REQUEST_TOO_LARGE, detail);
    }
}

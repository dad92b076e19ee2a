package dev.wenku.support.requestid;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id that its log lines carry: the caller's {@value #HEADER} when it is a safe token
 * ({@code [A-Za-z0-9._-]}, 1 to 64 characters), otherwise a new UUID. The id is in the SLF4J MDC as
 * {@value #MDC_KEY} while the request is handled (also during its error and async dispatches, with the same id),
 * removed afterwards, and echoed in the response's {@value #HEADER} header.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = RequestIds.HEADER;
    public static final String MDC_KEY = RequestIds.MDC_KEY;

    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = idOf(request);
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The id this request already got (in an earlier dispatch), the caller's if it is safe, or a new one. */
    private static String idOf(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String assigned) {
            return assigned;
        }
        return RequestIds.keepOrCreate(request.getHeader(HEADER));
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}

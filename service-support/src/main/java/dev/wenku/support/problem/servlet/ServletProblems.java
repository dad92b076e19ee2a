package dev.wenku.support.problem.servlet;

import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.Problems;
import dev.wenku.support.requestid.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem document from a servlet filter, which answers before Spring MVC's error handling is reached. */
public final class ServletProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServletProblems() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        var problem = Problems.of(code, detail, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), request.getRequestURI(),
            MDC.get(RequestIds.MDC_KEY));
        response.setStatus(code.status().value());
        Problems.headers(code).forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsString(Problems.members(problem)).getBytes(StandardCharsets.UTF_8));
    }
}

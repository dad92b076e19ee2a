package dev.wenku.support.testing;

import java.nio.charset.StandardCharsets;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * {@link ProblemAssertions} for MockMvc: {@code mvc.perform(...).andExpect(problem(400, "invalid_parameter"))}, the
 * same checks on MockMvc's answer. A class apart, so that the reactive gateway's tests, which have no servlet stack,
 * never load it.
 */
public final class ProblemMatchers {

    private ProblemMatchers() {
    }

    /** The problem {@code error} of the catalogue, answered with {@code status}. */
    public static ResultMatcher problem(int status, String error) {
        return result -> {
            MockHttpServletResponse response = result.getResponse();
            ProblemAssertions.assertProblem(response.getStatus(),
                response.getContentType() == null ? "" : response.getContentType(),
                response.getContentAsString(StandardCharsets.UTF_8), status, error);
        };
    }
}

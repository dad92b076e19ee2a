package dev.wenku.support.testing;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * {@link ProblemAssertions} for MockMvc: {@code mvc.perform(...).andExpect(problem(400, "invalid_parameter"))}. A
 * class apart, so that the reactive gateway's tests, which have no servlet stack, never load it.
 */
public final class ProblemMatchers {

    private ProblemMatchers() {
    }

    /** The problem {@code error} of the catalogue, answered with {@code status}. */
    public static ResultMatcher problem(int status, String error) {
        String type = ProblemAssertions.catalogued(error, status).type();
        List<ResultMatcher> members = List.of(status().is(status),
            content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
            jsonPath("$.type").value(type),
            jsonPath("$.title").isNotEmpty(),
            jsonPath("$.status").value(status),
            jsonPath("$.detail").isNotEmpty(),
            jsonPath("$.error").value(error));
        return result -> {
            for (ResultMatcher member : members) {
                member.match(result);
            }
        };
    }
}

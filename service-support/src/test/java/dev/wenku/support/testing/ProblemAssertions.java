package dev.wenku.support.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.wenku.support.problem.ErrorCode;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.springframework.http.MediaType;

/**
 * What every client of the API relies on when a request is refused: an RFC 9457 problem document of the catalogue
 * ({@link ErrorCode}), answered with the status the catalogue gives its code, the status in the body too, the problem
 * media type, the code's type URI, and words for people ({@code title}, {@code detail}). One assertion for the tests
 * of every module that calls over real HTTP; {@link ProblemMatchers} is the same for MockMvc.
 */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /**
     * Asserts that {@code response} is the problem {@code error} answered with {@code status}, and returns its body
     * parsed, for checks of its other members.
     */
    public static DocumentContext assertProblem(HttpResponse<String> response, int status, String error) {
        return assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
            response.body(), status, error);
    }

    /**
     * The same for an answer already taken apart: its HTTP status, {@code Content-Type} and body ({@link
     * ProblemMatchers} passes MockMvc's).
     */
    static DocumentContext assertProblem(int answered, String contentType, String body, int status, String error) {
        ErrorCode code = catalogued(error, status);
        assertEquals(status, answered, body);
        assertTrue(!contentType.isEmpty()
                && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(contentType)),
            "Content-Type " + contentType + ": " + body);
        DocumentContext problem = JsonPath.parse(body);
        assertEquals(error, problem.read("$.error"), body);
        assertEquals(code.type(), problem.read("$.type"), body);
        assertEquals(status, problem.<Integer>read("$.status"), body);
        assertFalse(problem.<String>read("$.title").isBlank(), body);
        assertFalse(problem.<String>read("$.detail").isBlank(), body);
        return problem;
    }

    /** The catalogue's code {@code error}, which must be answered with {@code status}: a test cannot expect another. */
    private static ErrorCode catalogued(String error, int status) {
        ErrorCode code = Arrays.stream(ErrorCode.values()).filter(c -> c.code().equals(error)).findFirst()
            .orElseGet(() -> fail("\"" + error + "\" is not a code of the catalogue (ErrorCode)"));
        assertEquals(code.status().value(), status, "the catalogue answers " + error + " with");
        return code;
    }
}

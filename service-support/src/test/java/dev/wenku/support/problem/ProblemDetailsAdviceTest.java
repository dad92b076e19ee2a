package dev.wenku.support.problem;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wenku.support.problem.servlet.ProblemDetailsAdvice;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every kind of error a service meets becomes a problem document of the catalogue, with the same members. */
class ProblemDetailsAdviceTest {

    record Payload(String title) {
    }

    @RestController
    static class Endpoints {

        @GetMapping("/refused")
        String refused() {
            throw new ApiException(ErrorCode.UNDECODABLE_TEXT, "byte 7 is no character").with("byteOffset", 7L);
        }

        @GetMapping("/unavailable")
        String unavailable() {
            throw new ApiException(ErrorCode.KAFKA_UNAVAILABLE, "Kafka did not answer");
        }

        @GetMapping("/paged")
        String paged(@RequestParam int size) {
            return "size " + size;
        }

        @PostMapping(path = "/json", consumes = MediaType.APPLICATION_JSON_VALUE)
        String json(@RequestBody Payload payload) {
            return payload.title();
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("internal detail that must not leak");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
        .setControllerAdvice(new ProblemDetailsAdvice()).build();

    @Test
    void anApiExceptionCarriesItsCodeStatusDetailAndExtraMembers() throws Exception {
        mvc.perform(get("/refused"))
            .andExpect(status().isBadRequest())
            .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            .andExpect(jsonPath("$.type").value("urn:wenku:error:undecodable_text"))
            .andExpect(jsonPath("$.error").value("undecodable_text"))
            .andExpect(jsonPath("$.title").value("The text is in no supported encoding"))
            .andExpect(jsonPath("$.detail").value("byte 7 is no character"))
            .andExpect(jsonPath("$.instance").value("/refused"))
            .andExpect(jsonPath("$.byteOffset").value(7));
    }

    @Test
    void aCallerWhoPrefersChineseGetsAChineseTitleAndTheSameCode() throws Exception {
        mvc.perform(get("/refused").header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"))
            .andExpect(jsonPath("$.title").value("无法识别文本的编码"))
            .andExpect(jsonPath("$.error").value("undecodable_text"));
    }

    @Test
    void aRetryableAnswerSaysWhenToRetry() throws Exception {
        mvc.perform(get("/unavailable"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(header().string("Retry-After", Problems.RETRY_AFTER_SECONDS))
            .andExpect(jsonPath("$.error").value("kafka_unavailable"));
    }

    @Test
    void aParameterOfTheWrongTypeIsAnInvalidParameterNamingIt() throws Exception {
        mvc.perform(get("/paged").param("size", "many"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value("invalid_parameter"))
            .andExpect(jsonPath("$.parameter").value("size"))
            .andExpect(jsonPath("$.detail").value("size must be a whole number, got 'many'."));
    }

    @Test
    void anUnreadableBodyIsMalformedJsonAndAnEmptyOneAMissingBody() throws Exception {
        mvc.perform(post("/json").contentType(MediaType.APPLICATION_JSON).content("{\"title\":"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value("malformed_json"));
        mvc.perform(post("/json").contentType(MediaType.APPLICATION_JSON))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value("missing_body"));
    }

    @Test
    void aWrongContentTypeAndAWrongMethodAreNamed() throws Exception {
        mvc.perform(post("/json").contentType(MediaType.TEXT_PLAIN).content("x"))
            .andExpect(status().isUnsupportedMediaType())
            .andExpect(jsonPath("$.error").value("unsupported_media_type"));
        mvc.perform(get("/json"))
            .andExpect(status().isMethodNotAllowed())
            .andExpect(jsonPath("$.error").value("method_not_allowed"));
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorThatNamesNoInternals() throws Exception {
        mvc.perform(get("/bug"))
            .andExpect(status().isInternalServerError())
            .andExpect(jsonPath("$.error").value("internal_error"))
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.containsString("internal detail"))));
    }
}

package dev.wenku.support.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();
    private final AtomicReference<String> idWhileHandled = new AtomicReference<>();
    private final FilterChain chain = (request, response) -> idWhileHandled.set(MDC.get(RequestIds.MDC_KEY));

    @Test
    void aValidIdIsKeptInTheMdcAndEchoed() throws Exception {
        MockHttpServletResponse response = handle("abc-123_X.y");
        assertThat(idWhileHandled.get()).isEqualTo("abc-123_X.y");
        assertThat(response.getHeader(RequestIdFilter.HEADER)).isEqualTo("abc-123_X.y");
    }

    @Test
    void anIdOfSixtyFourCharactersIsKept() throws Exception {
        String longest = "a".repeat(64);
        assertThat(handle(longest).getHeader(RequestIdFilter.HEADER)).isEqualTo(longest);
    }

    @Test
    void anInvalidIdIsReplacedByAUuid() throws Exception {
        for (String invalid : new String[] {"has space", "semi;colon", "line\nbreak", "新", "a".repeat(65), ""}) {
            MockHttpServletResponse response = handle(invalid);
            String id = response.getHeader(RequestIdFilter.HEADER);
            assertThat(id).as("replacement of %s", invalid)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(idWhileHandled.get()).isEqualTo(id);
        }
    }

    @Test
    void aMissingIdIsGeneratedAndDiffersPerRequest() throws Exception {
        String first = handle(null).getHeader(RequestIdFilter.HEADER);
        String second = handle(null).getHeader(RequestIdFilter.HEADER);
        assertThat(first).isNotBlank().isNotEqualTo(second);
    }

    @Test
    void theMdcIsClearedAfterTheRequestEvenWhenHandlingFails() throws Exception {
        handle("first");
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();

        FilterChain failing = (request, response) -> {
            throw new ServletException("boom");
        };
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        request.addHeader(RequestIdFilter.HEADER, "second");
        try {
            filter.doFilter(request, new MockHttpServletResponse(), failing);
        } catch (ServletException expected) {
            // the failure goes on to the container; the MDC must still be clean
        }
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
    }

    private MockHttpServletResponse handle(String header) throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/anything");
        if (header != null) {
            request.addHeader(RequestIdFilter.HEADER, header);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }
}

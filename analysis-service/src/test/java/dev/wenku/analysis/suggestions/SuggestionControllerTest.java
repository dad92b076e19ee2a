package dev.wenku.analysis.suggestions;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.support.problem.servlet.ProblemDetailsAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Theme suggestions as jobs: started with 202 and their URL, refused while one runs, followed by id. */
@WebMvcTest(SuggestionController.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
@EnableConfigurationProperties(AnalysisProperties.class)
class SuggestionControllerTest {

    private static final SuggestionJobs.Job RUNNING = new SuggestionJobs.Job(7, "RUNNING", 8, 0.4, null, null, null,
        "editor", Instant.parse("2026-12-01T08:00:00Z"), null);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ThemeSuggestions suggestions;

    @MockitoBean
    SuggestionJobs jobs;

    @Test
    void aStartedJobIsAcceptedWithItsUrlAndProgress() throws Exception {
        when(suggestions.start(8, "unknown")).thenReturn(Optional.of(7L));
        when(jobs.find(7)).thenReturn(Optional.of(RUNNING));
        mvc.perform(post("/api/themes/suggestions"))
            .andExpect(status().isAccepted())
            .andExpect(header().string("Location", "/api/themes/suggestions/7"))
            .andExpect(jsonPath("$.state").value("RUNNING"))
            .andExpect(jsonPath("$.progress").value(0.4));
        verify(suggestions).start(8, "unknown");
    }

    @Test
    void whileOneRunsAnotherIsAConflictShowingTheRunningOne() throws Exception {
        when(suggestions.start(anyInt(), anyString())).thenReturn(Optional.empty());
        when(jobs.latest(1)).thenReturn(List.of(RUNNING));
        mvc.perform(post("/api/themes/suggestions").param("topics", "5"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.id").value(7));
    }

    @Test
    void aNumberOfTopicsOutOfRangeIsAnInvalidParameterNamingIt() throws Exception {
        for (String topics : new String[] {"0", "51"}) {
            mvc.perform(post("/api/themes/suggestions").param("topics", topics))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.error").value("invalid_parameter"))
                .andExpect(jsonPath("$.parameter").value("topics"))
                .andExpect(jsonPath("$.detail").value("topics must be between 1 and 50, got " + topics + "."));
        }
        verifyNoInteractions(suggestions);
    }

    @Test
    void anUnknownJobIsNotFound() throws Exception {
        when(jobs.find(99)).thenReturn(Optional.empty());
        mvc.perform(get("/api/themes/suggestions/99"))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.error").value("not_found"));
    }
}

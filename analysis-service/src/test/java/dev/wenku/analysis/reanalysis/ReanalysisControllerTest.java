package dev.wenku.analysis.reanalysis;

import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wenku.support.problem.servlet.ProblemDetailsAutoConfiguration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Starting a re-analysis, and its progress: 202 when it starts, 409 with the running one's progress otherwise. */
@WebMvcTest(ReanalysisController.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
class ReanalysisControllerTest {

    private static final Instant STARTED = Instant.parse("2025-03-01T08:00:00Z");
    private static final Reanalysis.Progress RUNNING = new Reanalysis.Progress(Reanalysis.State.RUNNING, 120, 40, 1,
        12, 5, List.of("4242@analysis-1/ab12cd34"), STARTED, null);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Reanalysis reanalysis;

    @Test
    void aStartedReanalysisIsAcceptedWithItsProgress() throws Exception {
        when(reanalysis.start()).thenReturn(true);
        when(reanalysis.progress()).thenReturn(RUNNING);
        mvc.perform(post("/api/analysis/reanalysis"))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.state").value("RUNNING"))
            .andExpect(jsonPath("$.total").value(120))
            .andExpect(jsonPath("$.done").value(40))
            .andExpect(jsonPath("$.failed").value(1))
            .andExpect(jsonPath("$.partitionsDone").value(5))
            .andExpect(jsonPath("$.workers[0]").value("4242@analysis-1/ab12cd34"))
            .andExpect(jsonPath("$.startedAt").value("2025-03-01T08:00:00Z"));
        verify(reanalysis).start();
    }

    @Test
    void whileOneRunsAnotherIsAConflictShowingTheRunningOne() throws Exception {
        when(reanalysis.start()).thenReturn(false);
        when(reanalysis.progress()).thenReturn(RUNNING);
        mvc.perform(post("/api/analysis/reanalysis"))
            .andExpect(status().isConflict())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
            .andExpect(jsonPath("$.state").value("RUNNING"))
            .andExpect(jsonPath("$.done").value(40));
    }

    @Test
    void progressIsReadWithoutStartingAnything() throws Exception {
        when(reanalysis.progress()).thenReturn(new Reanalysis.Progress(Reanalysis.State.DONE, 120, 120, 0, 12, 12,
            List.of(), STARTED, STARTED.plusSeconds(30)));
        mvc.perform(get("/api/analysis/reanalysis"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.state").value("DONE"))
            .andExpect(jsonPath("$.finishedAt").value("2025-03-01T08:00:30Z"));
        verify(reanalysis, never()).start();
    }

    @Test
    void anotherMethodIsAMethodNotAllowedProblem() throws Exception {
        mvc.perform(put("/api/analysis/reanalysis"))
            .andExpect(status().isMethodNotAllowed())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.error").value("method_not_allowed"))
            .andExpect(jsonPath("$.status").value(405));
        verifyNoInteractions(reanalysis);
    }
}

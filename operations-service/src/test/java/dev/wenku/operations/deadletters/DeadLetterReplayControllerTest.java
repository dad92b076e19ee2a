package dev.wenku.operations.deadletters;

import static dev.wenku.support.testing.ProblemMatchers.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wenku.support.kafka.DeadLetterPublisher;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.servlet.ProblemDetailsAutoConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The replay command's web layer: the report, and the replayer's refusals as problem documents. */
@WebMvcTest(DeadLetterReplayController.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
class DeadLetterReplayControllerTest {

    private static final String DLT = "wenku.documents.analyzed.dlt";
    private static final String REPLAY = "/api/operations/dead-letters/{topic}/replay";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DeadLetterReplayer replayer;

    @Test
    void aReplayAnswersWithWhatItDid() throws Exception {
        when(replayer.replay(DLT, null)).thenReturn(new ReplayReport(DLT, "wenku.documents.analyzed", 3, 1,
            Map.of("superseded", 2), List.of("doc-1")));
        mvc.perform(post(REPLAY, DLT))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.deadLetterTopic").value(DLT))
            .andExpect(jsonPath("$.sourceTopic").value("wenku.documents.analyzed"))
            .andExpect(jsonPath("$.examined").value(3))
            .andExpect(jsonPath("$.replayed").value(1))
            .andExpect(jsonPath("$.skipped.superseded").value(2))
            .andExpect(jsonPath("$.replayedDocuments[0]").value("doc-1"));
    }

    @Test
    void oneDocumentCanBeReplayedAlone() throws Exception {
        when(replayer.replay(DLT, "doc-9")).thenReturn(new ReplayReport(DLT, "wenku.documents.analyzed", 1, 1,
            Map.of(), List.of("doc-9")));
        mvc.perform(post(REPLAY, DLT).param("document", "doc-9"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.replayedDocuments[0]").value("doc-9"));
        verify(replayer).replay(DLT, "doc-9");
    }

    @Test
    void aTopicThatIsNotADeadLetterTopicIsNotFound() throws Exception {
        String topic = "wenku.documents.analyzed";
        when(replayer.replay(topic, null)).thenThrow(new ApiException(ErrorCode.NOT_FOUND,
            topic + " is not a dead-letter topic (<source topic>" + DeadLetterPublisher.SUFFIX + ")."));
        mvc.perform(post(REPLAY, topic))
            .andExpect(problem(404, "not_found"))
            .andExpect(jsonPath("$.detail").value(topic + " is not a dead-letter topic (<source topic>.dlt)."))
            .andExpect(jsonPath("$.instance").value("/api/operations/dead-letters/" + topic + "/replay"));
    }

    @Test
    void aReplayWhileAnotherRunsIsAConflict() throws Exception {
        when(replayer.replay(any(), isNull())).thenThrow(new ApiException(ErrorCode.CONFLICT,
            "A replay is already running; try again when it has finished."));
        mvc.perform(post(REPLAY, DLT))
            .andExpect(problem(409, "conflict"))
            .andExpect(jsonPath("$.detail").value("A replay is already running; try again when it has finished."));
    }

    @Test
    void kafkaNotAnsweringIsARetryableKafkaUnavailable() throws Exception {
        when(replayer.replay(any(), isNull())).thenThrow(new ApiException(ErrorCode.KAFKA_UNAVAILABLE,
            "The replay could not finish, Kafka did not answer in time."));
        mvc.perform(post(REPLAY, DLT))
            .andExpect(problem(503, "kafka_unavailable"))
            .andExpect(header().string("Retry-After", "5"));
    }

    @Test
    void aReplayIsAPostOnly() throws Exception {
        mvc.perform(get(REPLAY, DLT))
            .andExpect(problem(405, "method_not_allowed"));
        verifyNoInteractions(replayer);
    }
}

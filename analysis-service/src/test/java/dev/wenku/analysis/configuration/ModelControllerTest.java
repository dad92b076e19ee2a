package dev.wenku.analysis.configuration;

import static dev.wenku.support.testing.ProblemMatchers.problem;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.analysis.engine.Taxonomy;
import dev.wenku.support.problem.servlet.ProblemDetailsAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The analysis model's web layer: the taxonomy as editors replace it, and what a malformed one is answered with. */
@WebMvcTest(ModelController.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
@EnableConfigurationProperties(AnalysisProperties.class)
class ModelControllerTest {

    private static final String TAXONOMY = """
        {"themes": [{"id": "green-development", "label": "绿色发展", "terms": ["绿色发展", "生态"]}]}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AnalysisModel model;

    @MockitoBean
    CorpusStore corpus;

    @Test
    void aValidTaxonomyIsStoredAndAnsweredWithItsThemesAndTheirDocumentCounts() throws Exception {
        when(model.taxonomy()).thenReturn(Taxonomy.parse(TAXONOMY));
        when(model.revision()).thenReturn(7L);
        when(corpus.themeCounts()).thenReturn(Map.of("green-development", 3L));
        when(corpus.size()).thenReturn(5L);
        mvc.perform(put("/api/themes").contentType(MediaType.APPLICATION_JSON).content(TAXONOMY))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.revision").value(7))
            .andExpect(jsonPath("$.corpusDocuments").value(5))
            .andExpect(jsonPath("$.themes[0].id").value("green-development"))
            .andExpect(jsonPath("$.themes[0].label").value("绿色发展"))
            .andExpect(jsonPath("$.themes[0].terms[1]").value("生态"))
            .andExpect(jsonPath("$.themes[0].documents").value(3));
        verify(model).replaceTaxonomy(TAXONOMY);
    }

    @Test
    void aMalformedTaxonomyIsAnInvalidRequestNamingTheProblem() throws Exception {
        // The model refuses what the real parser refuses, with its message.
        doAnswer(call -> {
            Taxonomy.parse(call.getArgument(0));
            return null;
        }).when(model).replaceTaxonomy(anyString());
        mvc.perform(put("/api/themes").contentType(MediaType.APPLICATION_JSON).content("{\"themes\": 3}"))
            .andExpect(problem(400, "invalid_request"))
            .andExpect(jsonPath("$.detail").value("taxonomy has no \"themes\" array"))
            .andExpect(jsonPath("$.instance").value("/api/themes"));
        mvc.perform(put("/api/themes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"themes\": [{\"id\": \"x\", \"label\": \"标签\"}]}"))
            .andExpect(problem(400, "invalid_request"))
            .andExpect(jsonPath("$.detail").value("taxonomy theme #1 ('x') has no \"terms\" array"));
    }

    @Test
    void aTaxonomyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
        mvc.perform(put("/api/themes").contentType(MediaType.TEXT_PLAIN).content(TAXONOMY))
            .andExpect(problem(415, "unsupported_media_type"));
        verifyNoInteractions(model);
    }
}

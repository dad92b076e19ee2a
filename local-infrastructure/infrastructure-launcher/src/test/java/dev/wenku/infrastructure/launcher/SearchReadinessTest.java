package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SearchReadinessTest {

    @Test
    void theTotalIsReadFromASearchAnswerAndAnErrorCountsAsNothingFound() {
        assertEquals(5, SearchReadiness.totalOf("{\"total\": 5, \"hits\": []}"));
        assertEquals(0, SearchReadiness.totalOf("{\"error\":\"search_unavailable\"}"));
    }
}

package dev.wenku.analysis.suggestions;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.support.identity.Caller;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Theme suggestions from the corpus, for editors to promote into the taxonomy: {@code POST} starts a job
 * ({@code 202} and its URL, {@code 409} with the running one while another runs), {@code GET} follows it.
 */
@RestController
class SuggestionController {

    private static final int LISTED = 20;

    private final ThemeSuggestions suggestions;
    private final SuggestionJobs jobs;
    private final AnalysisProperties properties;

    SuggestionController(ThemeSuggestions suggestions, SuggestionJobs jobs, AnalysisProperties properties) {
        this.suggestions = suggestions;
        this.jobs = jobs;
        this.properties = properties;
    }

    record Jobs(List<SuggestionJobs.Job> jobs) {
    }

    @PostMapping("/api/themes/suggestions")
    ResponseEntity<SuggestionJobs.Job> start(@RequestParam(required = false) Integer topics) {
        int wanted = topics == null ? properties.suggestedTopics() : topics;
        if (wanted < 1 || wanted > 50) {
            throw ApiException.invalidParameter("topics", "topics must be between 1 and 50, got " + wanted + ".");
        }
        return suggestions.start(wanted, Caller.current(Caller.UNKNOWN))
            .map(id -> ResponseEntity.accepted().location(URI.create("/api/themes/suggestions/" + id))
                .body(jobs.find(id).orElseThrow()))
            .orElseGet(() -> ResponseEntity.status(409).body(jobs.latest(1).getFirst()));
    }

    @GetMapping("/api/themes/suggestions/{id}")
    SuggestionJobs.Job job(@PathVariable long id) {
        return jobs.find(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
            "There are no theme suggestions " + id + "."));
    }

    /** The latest jobs, newest first. */
    @GetMapping("/api/themes/suggestions")
    Jobs latest() {
        return new Jobs(jobs.latest(LISTED));
    }
}

package dev.wenku.analysis.suggestions;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.analysis.configuration.AnalysisModel;
import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.analysis.engine.ThemeSuggester;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Computes theme suggestions (unsupervised topics over a random sample of the corpus's paragraphs, at most
 * {@code wenku.analysis.suggestion-paragraphs}) as a background job of this instance, its progress and result in
 * {@link SuggestionJobs} for any instance to show: on a large sample the topic model takes longer than a request may
 * wait. One job at a time across the instances.
 */
@Component
class ThemeSuggestions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ThemeSuggestions.class);
    /** Most progress writes per second: each is a heartbeat too, and the sampler reports far more often. */
    private static final long PROGRESS_EVERY_MILLIS = 500;

    private final AnalysisModel model;
    private final CorpusStore corpus;
    private final AnalysisProperties properties;
    private final SuggestionJobs jobs;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
        .name("theme-suggestions").factory());

    ThemeSuggestions(AnalysisModel model, CorpusStore corpus, AnalysisProperties properties, SuggestionJobs jobs,
                     Clock clock) {
        this.model = model;
        this.corpus = corpus;
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Starts a job for {@code topics} topics; empty while one is running. */
    Optional<Long> start(int topics, String requestedBy) {
        Optional<Long> id = jobs.start(topics, requestedBy, clock.instant());
        id.ifPresent(job -> worker.execute(() -> run(job, topics)));
        return id;
    }

    private void run(long job, int topics) {
        try {
            List<String> paragraphs = corpus.paragraphs(properties.suggestionParagraphs());
            long[] reported = {System.currentTimeMillis()};
            List<ThemeSuggester.SuggestedTheme> suggestions = paragraphs.isEmpty() ? List.of()
                : new ThemeSuggester(model.engine()).suggest(paragraphs, Math.min(topics, paragraphs.size()), done -> {
                    long now = System.currentTimeMillis();
                    if (now - reported[0] >= PROGRESS_EVERY_MILLIS) {
                        reported[0] = now;
                        jobs.progress(job, done);
                    }
                });
            jobs.done(job, paragraphs.size(), suggestions, clock.instant());
            log.info("Theme suggestions {}: {} topics from {} paragraphs", job, suggestions.size(), paragraphs.size());
        } catch (RuntimeException e) {
            log.warn("Theme suggestions {} failed", job, e);
            jobs.failed(job, e.toString(), clock.instant());
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}

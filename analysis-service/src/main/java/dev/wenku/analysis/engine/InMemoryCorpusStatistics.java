package dev.wenku.analysis.engine;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Corpus statistics kept in memory that grow as documents arrive: add each analysed document's
 * {@link DocumentAnalysis#terms()}, remove them again when the document is deleted or replaced. Thread-safe.
 */
public final class InMemoryCorpusStatistics implements CorpusStatistics {

    private final AtomicLong documents = new AtomicLong();
    private final Map<String, Long> frequencies = new ConcurrentHashMap<>();

    /** Counts one more document holding these distinct terms. */
    public void add(Collection<String> distinctTerms) {
        for (String term : distinctTerms) {
            frequencies.merge(term, 1L, Long::sum);
        }
        documents.incrementAndGet();
    }

    /** Forgets one document that was added with these distinct terms. */
    public void remove(Collection<String> distinctTerms) {
        for (String term : distinctTerms) {
            frequencies.computeIfPresent(term, (t, count) -> count <= 1 ? null : count - 1);
        }
        documents.updateAndGet(count -> Math.max(0, count - 1));
    }

    @Override
    public long documentCount() {
        return documents.get();
    }

    @Override
    public long documentFrequency(String term) {
        return frequencies.getOrDefault(term, 0L);
    }
}

package dev.wenku.analysis.corpus;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.wenku.analysis.engine.CorpusStatistics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The document frequencies analysis reads, from {@code corpus_term}: a bounded cache (Caffeine, least recently used
 * first) in front of the table, filled a document's terms at a time ({@link #forTerms}: one query for the words not
 * cached). Entries older than {@code wenku.analysis.frequency-age} are read again, so another instance's analyses
 * reach this one's keyword weights within that age; this instance's own changes drop their entries at once.
 */
final class CorpusFrequencies implements CorpusStatistics {

    private final JdbcTemplate jdbc;
    private final LoadingCache<String, Long> cache;
    private final long sizeAgeNanos;
    private volatile long documents = -1;
    private volatile long documentsReadAt;

    CorpusFrequencies(JdbcTemplate jdbc, int cachedTerms, Duration age) {
        this.jdbc = jdbc;
        this.sizeAgeNanos = age.toNanos();
        this.cache = Caffeine.newBuilder().maximumSize(cachedTerms).expireAfterWrite(age)
            .build(new com.github.benmanes.caffeine.cache.CacheLoader<>() {
                @Override
                public Long load(String term) {
                    return read(Set.of(term)).getOrDefault(term, 0L);
                }

                @Override
                public Map<String, Long> loadAll(Set<? extends String> terms) {
                    Map<String, Long> found = read(terms);
                    terms.forEach(term -> found.putIfAbsent(term, 0L));
                    return found;
                }
            });
    }

    @Override
    public long documentCount() {
        long now = System.nanoTime();
        if (documents < 0 || now - documentsReadAt > sizeAgeNanos) {
            documents = jdbc.queryForObject("select documents from corpus_size where id = 1", Long.class);
            documentsReadAt = now;
        }
        return documents;
    }

    @Override
    public long documentFrequency(String term) {
        return cache.get(term);
    }

    /** The frequencies of {@code terms} and the corpus size as they are now, read in one query for those not cached. */
    @Override
    public CorpusStatistics forTerms(Collection<String> terms) {
        Map<String, Long> frequencies = cache.getAll(terms);
        long size = documentCount();
        return new CorpusStatistics() {
            @Override
            public long documentCount() {
                return size;
            }

            @Override
            public long documentFrequency(String term) {
                Long frequency = frequencies.get(term);
                return frequency != null ? frequency : CorpusFrequencies.this.documentFrequency(term);
            }
        };
    }

    /** After this instance changed the corpus: its terms are read again, and its size is the one just written. */
    void changed(Collection<String> terms, long size) {
        cache.invalidateAll(terms);
        documents = size;
        documentsReadAt = System.nanoTime();
    }

    private Map<String, Long> read(Collection<? extends String> terms) {
        Map<String, Long> found = new HashMap<>();
        jdbc.query("select term, documents from corpus_term where term = any(?)",
            row -> { found.put(row.getString(1), row.getLong(2)); }, (Object) terms.toArray(String[]::new));
        return found;
    }
}

package dev.wenku.analysis.corpus;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.analysis.engine.CorpusStatistics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The corpus as analysis sees it, in PostgreSQL (schema {@code analysis}, see {@code db/analysis/V1__corpus.sql}):
 * the latest analysed version of every document with its terms, themes and paragraphs, and the counts over them
 * (documents per term, per theme, in all), moved by each change instead of computed over the corpus. Every instance
 * shares it, a restart loses nothing, and the heap holds none of it but a bounded cache of frequencies
 * ({@link CorpusFrequencies}): its size does not grow with the corpus.
 *
 * <p>A batch of changes is one transaction. Its documents are locked first (an advisory lock per id, which also covers
 * a document not stored yet), then the counts' rows, each kind in sorted order: transactions of several consumer
 * threads, instances and a re-analysis wait for each other but never in a cycle.
 */
@Component
public class CorpusStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CorpusFrequencies frequencies;

    public CorpusStore(JdbcTemplate jdbc, TransactionTemplate transactions, AnalysisProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.frequencies = new CorpusFrequencies(jdbc, properties.cachedTerms(), properties.frequencyAge());
    }

    /** A document analysed ({@code terms}), or deleted ({@code terms} null). */
    public record Change(String documentId, DocumentTerms terms) {

        public static Change recorded(DocumentTerms terms) {
            return new Change(terms.documentId(), terms);
        }

        public static Change forgotten(String documentId) {
            return new Change(documentId, null);
        }
    }

    /** Document frequencies over every analysed document. */
    public CorpusStatistics statistics() {
        return frequencies;
    }

    /** Adds (or replaces) a document's terms. */
    public void record(DocumentTerms document) {
        apply(List.of(Change.recorded(document)));
    }

    /** Removes a deleted document's terms. */
    public void forget(String documentId) {
        apply(List.of(Change.forgotten(documentId)));
    }

    /**
     * Applies changes in their order, in one transaction: a document's version replaces what the corpus holds unless
     * that is of a later version (a repeat or a late record changes nothing); a deletion removes it.
     */
    public void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Counts counts = transactions.execute(status -> write(changes));
        frequencies.changed(counts.terms.keySet(), counts.size);
    }

    /** How many documents have each theme. */
    public Map<String, Long> themeCounts() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select theme, documents from corpus_theme where documents > 0",
            row -> { counts.put(row.getString(1), row.getLong(2)); });
        return counts;
    }

    /**
     * Paragraphs of a random sample of the corpus's documents, at most {@code limit}: all of them while the corpus is
     * small enough.
     */
    public List<String> paragraphs(int limit) {
        long documents = size();
        // Twice the documents needed, so that a sample smaller than expected still fills the limit.
        double percent = Math.min(100, Math.max(0.0001, 200.0 * limit / Math.max(1, documents)));
        List<String> paragraphs = new ArrayList<>();
        jdbc.query("select paragraphs from corpus_document tablesample bernoulli (?) order by document_id limit ?",
            row -> {
                for (String paragraph : strings(row.getArray(1))) {
                    if (paragraphs.size() < limit) {
                        paragraphs.add(paragraph);
                    }
                }
            }, percent, limit);
        return paragraphs;
    }

    /** How many documents the corpus holds. */
    public long size() {
        return jdbc.queryForObject("select documents from corpus_size where id = 1", Long.class);
    }

    /** Of {@code versions} (document id → version), the documents the corpus holds at exactly that version. */
    public Set<String> holding(Map<String, Long> versions) {
        Set<String> held = new TreeSet<>();
        if (versions.isEmpty()) {
            return held;
        }
        jdbc.query("select document_id, version from corpus_document where document_id = any(?)", row -> {
            String id = row.getString(1);
            if (versions.get(id) == row.getLong(2)) {
                held.add(id);
            }
        }, (Object) versions.keySet().toArray(String[]::new));
        return held;
    }

    /** What the corpus held of a document when the transaction began. */
    private record Held(long version, List<String> terms, List<String> themes) {
    }

    /** How a batch moved the counts. */
    private static final class Counts {
        final Map<String, Long> terms = new TreeMap<>();
        final Map<String, Long> themes = new TreeMap<>();
        long documents;
        long size;

        void add(Collection<String> keys, Map<String, Long> into, long by) {
            keys.forEach(key -> into.merge(key, by, Long::sum));
        }

        void count(DocumentTerms document, long by) {
            add(document.terms(), terms, by);
            add(document.themes(), themes, by);
            documents += by;
        }

        void uncount(Held held) {
            add(held.terms(), terms, -1);
            add(held.themes(), themes, -1);
            documents--;
        }
    }

    private Counts write(List<Change> changes) {
        TreeSet<String> ids = new TreeSet<>();
        changes.forEach(change -> ids.add(change.documentId()));
        String[] sorted = ids.toArray(String[]::new);
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(id, 0)) from unnest(?) id order by id",
            row -> { }, (Object) sorted);
        Map<String, Held> held = held(sorted);
        Map<String, DocumentTerms> stored = new TreeMap<>();
        Set<String> removed = new TreeSet<>();
        Counts counts = new Counts();
        for (Change change : changes) {
            Held before = held.get(change.documentId());
            DocumentTerms now = change.terms();
            if (now != null && before != null && now.version() < before.version()) {
                continue;
            }
            if (before != null) {
                counts.uncount(before);
            }
            if (now == null) {
                held.remove(change.documentId());
                stored.remove(change.documentId());
                removed.add(change.documentId());
            } else {
                counts.count(now, 1);
                held.put(now.documentId(), new Held(now.version(), List.copyOf(now.terms()), now.themes()));
                stored.put(now.documentId(), now);
                removed.remove(now.documentId());
            }
        }
        store(stored, removed);
        move("corpus_term", "term", counts.terms);
        move("corpus_theme", "theme", counts.themes);
        counts.size = jdbc.queryForObject("update corpus_size set documents = documents + ? where id = 1"
            + " returning documents", Long.class, counts.documents);
        return counts;
    }

    private Map<String, Held> held(String[] ids) {
        Map<String, Held> held = new HashMap<>();
        jdbc.query("select document_id, version, terms, themes from corpus_document where document_id = any(?)",
            row -> {
                held.put(row.getString(1), new Held(row.getLong(2), strings(row.getArray(3)),
                    strings(row.getArray(4))));
            }, (Object) ids);
        return held;
    }

    private void store(Map<String, DocumentTerms> stored, Set<String> removed) {
        if (!removed.isEmpty()) {
            jdbc.update("delete from corpus_document where document_id = any(?)",
                (Object) removed.toArray(String[]::new));
        }
        List<Object[]> rows = stored.values().stream().map(document -> new Object[] {document.documentId(),
            document.version(), document.terms().toArray(String[]::new), document.themes().toArray(String[]::new),
            document.paragraphs().toArray(String[]::new)}).toList();
        jdbc.batchUpdate("""
            insert into corpus_document (document_id, version, terms, themes, paragraphs) values (?, ?, ?, ?, ?)
            on conflict (document_id) do update set version = excluded.version, terms = excluded.terms,
                themes = excluded.themes, paragraphs = excluded.paragraphs""", rows);
    }

    /** Adds each key's change to its count (in key order), and drops the counts that reach zero. */
    private void move(String table, String key, Map<String, Long> changes) {
        changes.values().removeIf(change -> change == 0);
        if (changes.isEmpty()) {
            return;
        }
        String[] keys = changes.keySet().toArray(String[]::new);
        Long[] by = changes.values().toArray(Long[]::new);
        jdbc.update("insert into " + table + " (" + key + ", documents)"
            + " select k, d from unnest(?::text[], ?::bigint[]) as c(k, d) order by k"
            + " on conflict (" + key + ") do update set documents = " + table + ".documents + excluded.documents",
            keys, by);
        jdbc.update("delete from " + table + " where " + key + " = any(?) and documents <= 0", (Object) keys);
    }

    private static List<String> strings(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}

package dev.wenku.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.analysis.corpus.CorpusStore;
import dev.wenku.analysis.corpus.DocumentTerms;
import dev.wenku.analysis.engine.CorpusStatistics;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.EmbeddedInfrastructure;
import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.TestDatabases;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * analysis-service's corpus taken to a million documents within the service's heap: the corpus statistics (the one
 * structure of analysis-service that grew with the corpus while it lived in the heap) written and read as the pipeline
 * does, on a real PostgreSQL, in a JVM with the heap the platform gives each service ({@code ./wenku bench corpus}
 * runs it with {@code -Xmx384m -XX:+UseSerialGC}, as {@code LocalPlatform} starts services).
 *
 * <p>The documents are synthetic (a million real ones would need hours of upload, analysis and indexing that this
 * figure does not depend on): each has 25 distinct terms drawn from a Zipf-like vocabulary of 300,000 words, two terms
 * of its own (so the vocabulary keeps growing, as names and rare words do in a real corpus: two million terms at the
 * end), a theme of eight, and two paragraphs. Before each batch is stored, its terms' frequencies are read the way an
 * analysis reads them ({@link CorpusStatistics#forTerms}). Every {@value #REPORT_EVERY} documents the heap in use
 * after a full collection is printed: the proof is that it stays flat while the corpus grows tenfold.
 */
public final class CorpusMemoryBenchmark {

    static final int DOCUMENTS = 1_000_000;
    private static final int REPORT_EVERY = 100_000;
    private static final int BATCH = 100;
    private static final int THREADS = 2;
    private static final int VOCABULARY = 300_000;
    private static final int TERMS = 25;

    /** The heap in use after a full collection, at a number of documents in the corpus. */
    record Point(long documents, double heapMiB, double documentsPerSecond) {
    }

    /** @param maxHeapMiB the JVM's heap limit; {@code points} one per {@value #REPORT_EVERY} documents */
    record Result(long documents, double maxHeapMiB, List<Point> points, double seconds) {

        Point first() {
            return points.getFirst();
        }

        Point last() {
            return points.getLast();
        }

        /** Heap after GC at the end against the first report: 1.0 when nothing grew with the corpus. */
        double growth() {
            return last().heapMiB() / first().heapMiB();
        }
    }

    private CorpusMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 && args[0].startsWith("--documents=")
            ? Integer.parseInt(args[0].substring("--documents=".length())) : DOCUMENTS;
        print(measure(ProjectLayout.locate(), documents));
    }

    static Result measure(ProjectLayout layout, int documents) throws Exception {
        try (EmbeddedInfrastructure servers = EmbeddedInfrastructure.startTemporary(layout);
             HikariDataSource source = dataSource(servers)) {
            Flyway.configure().dataSource(source).schemas("analysis").locations("classpath:db/analysis").load()
                .migrate();
            CorpusStore corpus = new CorpusStore(new JdbcTemplate(source),
                new TransactionTemplate(new DataSourceTransactionManager(source)), properties());
            return fill(corpus, documents);
        }
    }

    private static HikariDataSource dataSource(Infrastructure servers) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.create(servers, "wenku_corpus_memory"));
        config.setUsername(servers.postgresUsername());
        config.setPassword(servers.postgresPassword());
        config.setSchema("analysis");
        config.setMaximumPoolSize(THREADS + 1);
        return new HikariDataSource(config);
    }

    /** analysis-service's defaults (AnalysisProperties), as the service binds them. */
    private static AnalysisProperties properties() {
        return new AnalysisProperties(10, 5, 3, "wenku.analysis.corpus", "wenku.analysis.config", 2,
            Duration.ofSeconds(30), 8, 2000, 200_000, Duration.ofSeconds(10));
    }

    private static Result fill(CorpusStore corpus, int documents) throws Exception {
        long start = System.nanoTime();
        AtomicLong next = new AtomicLong();
        List<Point> points = new ArrayList<>();
        long lastReport = start;
        for (int reported = REPORT_EVERY; reported <= documents; reported += REPORT_EVERY) {
            int until = reported;
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    runs.add(threads.submit(() -> {
                        for (long from = next.getAndAdd(BATCH); from < until; from = next.getAndAdd(BATCH)) {
                            store(corpus, from, Math.min(until, from + BATCH));
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                threads.shutdownNow();
            }
            next.set(until);
            long now = System.nanoTime();
            Point point = new Point(corpus.size(), heapAfterGcMiB(), REPORT_EVERY / ((now - lastReport) / 1e9));
            lastReport = now;
            points.add(point);
            System.out.printf(Locale.ROOT, "%,9d documents: heap after GC %6.1f MiB, %,6.0f documents/s%n",
                point.documents(), point.heapMiB(), point.documentsPerSecond());
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Result(corpus.size(), heap.getMax() / 1048576.0, points, (System.nanoTime() - start) / 1e9);
    }

    /** Reads the batch's frequencies as an analysis does, then stores the batch as the listener does. */
    private static void store(CorpusStore corpus, long from, long to) {
        List<CorpusStore.Change> changes = new ArrayList<>(BATCH);
        for (long n = from; n < to; n++) {
            DocumentTerms document = document(n);
            corpus.statistics().forTerms(document.terms()).idf(document.terms().iterator().next());
            changes.add(CorpusStore.Change.recorded(document));
        }
        corpus.apply(changes);
    }

    /** Document {@code n}: the same every run. */
    static DocumentTerms document(long n) {
        SplittableRandom random = new SplittableRandom(n);
        Set<String> terms = new HashSet<>();
        while (terms.size() < TERMS) {
            // Zipf-like: rank ~ VOCABULARY^u, so low ranks (common words) come far more often.
            int rank = (int) Math.pow(VOCABULARY, random.nextDouble()) - 1;
            terms.add(word(rank));
        }
        terms.add("专名" + Long.toString(n, 36));
        terms.add("罕词" + Long.toString(n * 31 + 7, 36));
        String paragraph = "第" + n + "篇的段落：" + String.join("", terms).substring(0, 30);
        return new DocumentTerms("doc-" + n, 1, terms, List.of("theme-" + (n % 8)),
            List.of(paragraph, paragraph + "（续）"));
    }

    /** A two- to four-character word of CJK ideographs for a vocabulary rank. */
    private static String word(int rank) {
        StringBuilder word = new StringBuilder();
        int value = rank;
        do {
            word.append((char) (0x4E00 + value % 2000));
            value /= 2000;
        } while (value > 0);
        while (word.length() < 2) {
            word.append('之');
        }
        return word.toString();
    }

    private static double heapAfterGcMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /**
     * Flat: at most this much more heap after GC at the end than at the first report (also the bulk import's target
     * for each service's live heap).
     */
    static final double GROWTH_TARGET = 1.25;

    static SuiteTable addRow(SuiteTable table, Result result) {
        return table.add(String.format(Locale.ROOT, "analysis-service's corpus (statistics in PostgreSQL) taken to"
                + " %,d synthetic documents: heap after GC at %,d and at the end", result.documents(),
                result.first().documents()),
            String.format(Locale.ROOT, "%.1f → %.1f MiB (%.2f×), %,.0f documents/s at the end",
                result.first().heapMiB(), result.last().heapMiB(), result.growth(),
                result.last().documentsPerSecond()),
            String.format(Locale.ROOT, "≤ %.2f×, and within analysis-service's %d MiB", GROWTH_TARGET,
                LocalPlatform.SERVICE_HEAP_MIB),
            result.growth() <= GROWTH_TARGET && result.last().heapMiB() < LocalPlatform.SERVICE_HEAP_MIB);
    }

    static void print(Result result) {
        System.out.printf(Locale.ROOT, "%nanalysis-service's corpus: %,d documents in %.0f s; heap after GC %.1f MiB at"
                + " %,d documents, %.1f MiB at %,d (%.2f×), heap limit %.0f MiB%n", result.documents(),
            result.seconds(), result.first().heapMiB(), result.first().documents(), result.last().heapMiB(),
            result.last().documents(), result.growth(), result.maxHeapMiB());
    }
}

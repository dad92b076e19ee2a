package dev.wenku.benchmarks;

import dev.wenku.benchmarks.PoetryCorpus.Poem;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * ingest-service and search-service taken to a million documents within the heap the platform gives each service
 * ({@link LocalPlatform#SERVICE_HEAP_MIB}): the proof that neither keeps a structure per document in its heap. A tenth
 * at a time, the registry gets 100,000 documents more ({@link RegistryFill}, as the editors' list benchmark writes
 * them: real poems, cycled as editions) and, for each of them, the analysed event analysis-service would publish
 * ({@link PoemAnalysis}: the engine's own analysis of the poem) goes to {@code wenku.documents.analyzed}.
 * search-service indexes every one and reports it indexed; ingest-service reads both, keeping each analysis's summary
 * and status in the document's row. Once Elasticsearch counts them all and ingest-service has read everything, each
 * service's live heap after a full collection ({@link ServiceHeaps}) is printed. analysis-service's side of the
 * million is {@link CorpusMemoryBenchmark}.
 *
 * <p>Why not through uploads: a million uploads, analyses and index writes take hours at the bulk import's pace, and
 * what this figure checks (what each service keeps per document) does not depend on which stage made the events.
 * Argument: [documents] (default a million).
 */
public final class MillionDocumentsBenchmark {

    static final int DOCUMENTS = 1_000_000;
    private static final int STEPS = 10;
    /** Distinct poems analysed; documents beyond them are their later editions (as the registry has them). */
    private static final int ANALYSED_POEMS = 50_000;
    private static final double HEAP_LIMIT_MIB = LocalPlatform.SERVICE_HEAP_MIB;
    private static final int POINTS_AVERAGED = 3;
    private static final List<String> MEASURED = List.of(ServiceModule.INGEST.module(), ServiceModule.SEARCH.module());

    /** The live heap of each service (MiB, after a full GC) once {@code documents} were indexed and recorded. */
    record Point(long documents, Map<String, Double> heaps, double documentsPerSecond) {
    }

    /**
     * Every step's heaps. One full collection's figure moves by a fifth from step to step with what a service holds
     * for a moment (a consumer's fetched records, a producer's pooled buffers, up to their fixed limits), so growth is
     * the mean of the last {@value #POINTS_AVERAGED} steps against the mean of the first as many.
     */
    record Result(List<Point> points) {

        Point first() {
            return points.getFirst();
        }

        Point last() {
            return points.getLast();
        }

        double early(String service) {
            return mean(points.subList(0, averaged()), service);
        }

        double late(String service) {
            return mean(points.subList(points.size() - averaged(), points.size()), service);
        }

        double growth(String service) {
            return late(service) / early(service);
        }

        double highest(String service) {
            return points.stream().mapToDouble(p -> p.heaps().get(service)).max().orElseThrow();
        }

        boolean met(String service) {
            return growth(service) <= CorpusMemoryBenchmark.GROWTH_TARGET && highest(service) < HEAP_LIMIT_MIB;
        }

        int averaged() {
            return Math.max(1, Math.min(POINTS_AVERAGED, points.size() / 2));
        }

        private static double mean(List<Point> points, String service) {
            return points.stream().mapToDouble(p -> p.heaps().get(service)).average().orElseThrow();
        }
    }

    private MillionDocumentsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : DOCUMENTS;
        Result result = measure(ProjectLayout.locate(), documents);
        print(result);
        System.out.printf("%n%s", addRows(new SuiteTable(), result).render());
    }

    /** A platform of its own (started and closed here) taken to {@code documents} in {@value #STEPS} steps. */
    static Result measure(ProjectLayout layout, int documents) throws Exception {
        System.out.printf("Loading %s …%n", PoetryCorpus.PACKAGE);
        List<Poem> poems = PoetryCorpus.first(ANALYSED_POEMS);
        System.out.printf("Analysing %,d poems in-process …%n", poems.size());
        List<DocumentAnalyzed> analysed = PoemAnalysis.events(poems);
        Path data = Files.createTempDirectory("wenku-million-bench-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null,
                FreshnessBenchmark.liftedBudgets());
             KafkaProducer<String, PipelineEvent> producer = new KafkaProducer<>(IndexerBenchmark.producerSettings(platform),
                 new StringSerializer(), new EventSerializer())) {
            List<Point> points = new ArrayList<>();
            int step = Math.max(1, documents / STEPS);
            for (int from = 0; from < documents; from += step) {
                int end = Math.min(documents, from + step);
                RegistryFill.fill(platform.infrastructure(), poems, from, end);
                long start = System.nanoTime();
                for (int n = from; n < end; n++) {
                    DocumentAnalyzed event = withId(analysed.get(n % analysed.size()), RegistryFill.documentId(n));
                    producer.send(new ProducerRecord<>(Topics.DOCUMENTS_ANALYZED, event.documentId(), event));
                }
                producer.flush();
                awaitIndexed(platform, end);
                IndexerBenchmark.awaitIngestCaughtUp(platform);
                double perSecond = (end - from) / ((System.nanoTime() - start) / 1e9);
                Point point = new Point(end, ServiceHeaps.afterFullGc(platform), perSecond);
                System.out.printf(Locale.ROOT, "%,9d documents: %s; %,.0f documents/s indexed and recorded%n", end,
                    describe(point.heaps()), perSecond);
                points.add(point);
            }
            return new Result(points);
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /** {@code event} as the analysis of the registry's document {@code id}. */
    private static DocumentAnalyzed withId(DocumentAnalyzed event, String id) {
        return new DocumentAnalyzed(event.schemaVersion(), id, 1, event.title(), event.body(), event.simplifiedTitle(),
            event.simplifiedBody(), event.source(), event.tags(), event.keywords(), event.keyPhrases(), event.summary(),
            event.entities(), event.themes(), event.titlePinyin(), event.words(), event.ingestedAt(),
            event.analyzedAt(), event.author());
    }

    /** Until Elasticsearch counts {@code documents} in the search index (refreshed every second). */
    private static void awaitIndexed(LocalPlatform platform, long documents) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        for (long counted = 0; counted < documents; counted = BulkImportBenchmark.count(platform)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Elasticsearch counts " + counted + " of " + documents + " documents");
            }
            Thread.sleep(500);
        }
    }

    private static String describe(Map<String, Double> heaps) {
        List<String> parts = new ArrayList<>();
        heaps.forEach((service, mib) -> parts.add(String.format(Locale.ROOT, "%s %.1f MiB", service, mib)));
        return "live heap " + String.join(", ", parts);
    }

    static void print(Result result) {
        System.out.printf(Locale.ROOT, "%nLive heap after a full GC, mean of the first and of the last %d steps"
            + " (%,d to %,d documents), highest of all (limit %.0f MiB):%n", result.averaged(),
            result.first().documents(), result.last().documents(), HEAP_LIMIT_MIB);
        for (String service : MEASURED) {
            System.out.printf(Locale.ROOT, "  %-16s %s%n", service, measured(result, service));
        }
    }

    private static String measured(Result result, String service) {
        return String.format(Locale.ROOT, "%.1f → %.1f MiB (%.2f×), highest %.1f MiB", result.early(service),
            result.late(service), result.growth(service), result.highest(service));
    }

    static SuiteTable addRows(SuiteTable table, Result result) {
        for (String service : MEASURED) {
            table.add(String.format(Locale.ROOT, "%s taken to %,d documents (registry rows, index, their events):"
                    + " heap after GC, mean of the first and of the last %d tenths", service,
                    result.last().documents(), result.averaged()),
                measured(result, service),
                String.format(Locale.ROOT, "≤ %.2f×, and within the service's %.0f MiB",
                    CorpusMemoryBenchmark.GROWTH_TARGET, HEAP_LIMIT_MIB),
                result.met(service));
        }
        return table;
    }
}

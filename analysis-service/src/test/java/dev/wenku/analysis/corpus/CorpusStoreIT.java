package dev.wenku.analysis.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.analysis.engine.CorpusStatistics;
import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.infrastructure.launcher.TestDatabases;
import dev.wenku.support.kafka.CreateOnlyTopics;
import dev.wenku.support.kafka.PipelineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The corpus in PostgreSQL: its counts as documents arrive, change, repeat, arrive late and are deleted, and the
 * upgrade from the Kafka topic earlier releases kept it in.
 */
@ExtendWith(RealInfrastructureExtension.class)
class CorpusStoreIT {

    private CorpusStore corpus;
    private JdbcTemplate jdbc;

    @BeforeEach
    void emptyCorpus() {
        Infrastructure servers = SharedInfrastructure.get();
        String url = TestDatabases.create(servers, "wenku_corpus");
        DriverManagerDataSource source = new DriverManagerDataSource(url, servers.postgresUsername(),
            servers.postgresPassword());
        source.setSchema("analysis");
        Flyway.configure().dataSource(source).schemas("analysis").locations("classpath:db/analysis").load()
            .migrate();
        jdbc = new JdbcTemplate(source);
        corpus = new CorpusStore(jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(source)), properties());
    }

    private static AnalysisProperties properties() {
        return new AnalysisProperties(10, 5, 3, "wenku.analysis.corpus", "wenku.analysis.config", 2,
            Duration.ofSeconds(30), 8, 3, 1000, Duration.ofMinutes(10));
    }

    private static DocumentTerms document(String id, long version, Set<String> terms, String... themes) {
        return new DocumentTerms(id, version, terms, List.of(themes), List.of("第一段：" + id, "第二段：" + id));
    }

    @Test
    void countsFollowDocumentsAsTheyArriveChangeAndAreDeleted() {
        corpus.apply(List.of(
            CorpusStore.Change.recorded(document("a", 1, Set.of("生产力", "创新"), "innovation")),
            CorpusStore.Change.recorded(document("b", 1, Set.of("生产力", "绿色"), "green"))));
        assertThat(frequencies("生产力", "创新", "绿色", "人工智能")).containsExactly(2L, 1L, 1L, 0L);
        assertThat(corpus.statistics().documentCount()).isEqualTo(2);

        // A new version replaces the old one's terms; a repeat and a late older version change nothing.
        corpus.record(document("a", 2, Set.of("生产力", "人工智能"), "innovation", "green"));
        corpus.record(document("a", 2, Set.of("生产力", "人工智能"), "innovation", "green"));
        corpus.record(document("a", 1, Set.of("生产力", "创新"), "innovation"));
        assertThat(frequencies("生产力", "创新", "绿色", "人工智能")).containsExactly(2L, 0L, 1L, 1L);
        assertThat(corpus.themeCounts()).isEqualTo(Map.of("innovation", 1L, "green", 2L));
        assertThat(corpus.size()).isEqualTo(2);

        corpus.forget("b");
        corpus.forget("never-analysed");
        assertThat(frequencies("生产力", "绿色", "人工智能")).containsExactly(1L, 0L, 1L);
        assertThat(corpus.themeCounts()).isEqualTo(Map.of("innovation", 1L, "green", 1L));
        assertThat(corpus.statistics().documentCount()).isEqualTo(1);
        assertThat(corpus.holding(Map.of("a", 2L, "b", 1L))).containsExactly("a");
        assertThat(corpus.holding(Map.of("a", 1L))).isEmpty();
    }

    @Test
    void aBatchIsAppliedInItsOrder() {
        corpus.apply(List.of(
            CorpusStore.Change.recorded(document("a", 1, Set.of("甲"))),
            CorpusStore.Change.recorded(document("a", 2, Set.of("乙"))),
            CorpusStore.Change.forgotten("a"),
            CorpusStore.Change.recorded(document("b", 1, Set.of("甲"))),
            CorpusStore.Change.forgotten("b"),
            CorpusStore.Change.recorded(document("b", 3, Set.of("乙")))));
        assertThat(frequencies("甲", "乙")).containsExactly(0L, 1L);
        assertThat(corpus.size()).isEqualTo(1);
        assertThat(corpus.holding(Map.of("a", 2L, "b", 3L))).containsExactly("b");
    }

    @Test
    void concurrentBatchesOverTheSameTermsAndDocumentsCountEachDocumentOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                // Every thread records the same 200 documents (as after a rebalance), in batches of 20.
                runs.add(threads.submit(() -> IntStream.range(0, 10).forEach(batch -> corpus.apply(
                    IntStream.range(batch * 20, batch * 20 + 20).mapToObj(i -> CorpusStore.Change.recorded(
                        document("d" + i, 1, Set.of("共同", "词" + i % 7), "t" + i % 3))).toList()))));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(corpus.size()).isEqualTo(200);
        assertThat(frequencies("共同", "词0")).containsExactly(200L, 29L);
        assertThat(corpus.themeCounts()).isEqualTo(Map.of("t0", 67L, "t1", 67L, "t2", 66L));
    }

    @Test
    void theParagraphsOfThemeSuggestionsAreABoundedSample() {
        corpus.apply(IntStream.range(0, 40).mapToObj(i -> CorpusStore.Change.recorded(
            document("p" + i, 1, Set.of("词")))).toList());
        assertThat(corpus.paragraphs(1000)).as("a corpus smaller than the sample: all of it")
            .hasSize(80).contains("第一段：p0", "第二段：p39");
        corpus.apply(IntStream.range(40, 2000).mapToObj(i -> CorpusStore.Change.recorded(
            document("p" + i, 1, Set.of("词")))).toList());
        List<String> sample = corpus.paragraphs(100);
        assertThat(sample).as("a sample of a larger corpus: full, each paragraph once").hasSize(100)
            .doesNotHaveDuplicates().allMatch(paragraph -> paragraph.matches("第[一二]段：p\\d+"));
    }

    @Test
    void termsTooLongToBeWordsAreNotCounted() {
        String run = "a".repeat(DocumentTerms.MAX_TERM_LENGTH + 1);
        corpus.record(document("x", 1, Set.of(run, "词")));
        assertThat(frequencies(run, "词")).containsExactly(0L, 1L);
    }

    @Test
    void theCorpusTopicOfEarlierReleasesIsReadOnceOnUpgrade() throws Exception {
        Infrastructure servers = SharedInfrastructure.get();
        String topic = "wenku.analysis.corpus.upgrade-" + System.nanoTime();
        Map<String, Object> client = Map.of("bootstrap.servers", servers.kafkaBootstrapServers());
        new CreateOnlyTopics(client, Duration.ofSeconds(10)).create(List.of(PipelineTopics.withDefaults().compacted(topic)));
        try (var producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            // As earlier releases wrote them: a JSON entry per document, a tombstone for a deleted one.
            send(producer, topic, "a", "{\"documentId\":\"a\",\"version\":1,\"terms\":[\"甲\",\"乙\"],"
                + "\"themes\":[\"t\"],\"paragraphs\":[\"一段话\"]}");
            send(producer, topic, "b", "{\"documentId\":\"b\",\"version\":1,\"terms\":[\"甲\"],\"themes\":[],"
                + "\"paragraphs\":[]}");
            send(producer, topic, "c", "not json");
            send(producer, topic, "b", null);
        }
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(servers.kafkaBootstrapServers()));
        AnalysisProperties settings = properties();
        AnalysisProperties upgrade = new AnalysisProperties(10, 5, 3, topic, "wenku.analysis.config", 2,
            settings.storeTimeout(), 8, 3, 1000, settings.frequencyAge());
        new CorpusTopicUpgrade(corpus, jdbc, kafka, upgrade).start();
        assertThat(corpus.size()).isEqualTo(1);
        assertThat(frequencies("甲", "乙")).containsExactly(1L, 1L);
        assertThat(corpus.themeCounts()).isEqualTo(Map.of("t", 1L));

        // Read once: what the corpus holds from now on is not replaced by the topic again.
        corpus.forget("a");
        new CorpusTopicUpgrade(corpus, jdbc, kafka, upgrade).start();
        assertThat(corpus.size()).isZero();
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Frequencies as an analysis reads them: a document's terms at once. */
    private List<Long> frequencies(String... terms) {
        CorpusStatistics view = corpus.statistics().forTerms(List.of(terms));
        return java.util.Arrays.stream(terms).map(view::documentFrequency).toList();
    }
}

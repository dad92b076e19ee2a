package dev.wenku.analysis.corpus;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.events.EventJson;
import dev.wenku.kafkatable.TopicSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectReader;

/**
 * The upgrade from releases that kept the corpus in a compacted Kafka topic ({@code wenku.analysis.corpus-topic}):
 * on the first start, before any document is consumed, the topic's entries are read into PostgreSQL a batch at a time
 * (a deletion as the removal it was), and the topic is marked read so it never is again. Without it, keyword weights
 * would start from an empty corpus until a re-analysis.
 */
@Component
class CorpusTopicUpgrade implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CorpusTopicUpgrade.class);
    private static final int BATCH = 500;
    private static final ObjectReader ENTRY = EventJson.MAPPER.readerFor(DocumentTerms.class);

    private final CorpusStore corpus;
    private final JdbcTemplate jdbc;
    private final KafkaProperties kafka;
    private final String topic;
    private volatile boolean running;

    CorpusTopicUpgrade(CorpusStore corpus, JdbcTemplate jdbc, KafkaProperties kafka, AnalysisProperties properties) {
        this.corpus = corpus;
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.topic = properties.corpusTopic();
    }

    @Override
    public void start() {
        Integer read = jdbc.queryForObject("select count(*) from corpus_topic_read where topic = ?", Integer.class,
            topic);
        if (read == 0) {
            if (exists()) {
                copy();
            }
            jdbc.update("insert into corpus_topic_read values (?, now()) on conflict do nothing", topic);
        }
        running = true;
    }

    private boolean exists() {
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list Kafka's topics to find " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing Kafka's topics", e);
        }
    }

    private void copy() {
        List<CorpusStore.Change> batch = new ArrayList<>(BATCH);
        long[] copied = {0};
        TopicSnapshot.read(topic, kafka.buildAdminProperties(), record -> {
            try {
                batch.add(record.value() == null ? CorpusStore.Change.forgotten(record.key())
                    : CorpusStore.Change.recorded(ENTRY.readValue(record.value())));
            } catch (RuntimeException unreadable) {
                log.warn("Corpus entry {} of {} is unreadable and left out: {}", record.key(), topic,
                    unreadable.toString());
            }
            if (batch.size() == BATCH) {
                corpus.apply(batch);
                copied[0] += batch.size();
                batch.clear();
            }
        });
        corpus.apply(batch);
        copied[0] += batch.size();
        log.info("Read {} entries of the corpus from {} into the database; it is not read again", copied[0], topic);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listeners start (their containers' phase is later). */
    @Override
    public int getPhase() {
        return 0;
    }
}

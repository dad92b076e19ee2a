package dev.wenku.search.pipeline;

import dev.wenku.search.index.DocumentIndexer;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Each listener thread's {@link DocumentIndexer.Writer}, and what completes a batch whose last bulk request was left
 * in flight when no next batch follows it: the container's idle event (no records for {@link #IDLE_EVENT_INTERVAL},
 * also while indexing is paused), and the revocation of the consumer's partitions, before their offsets are
 * committed. When that batch cannot be completed (Elasticsearch is down, or the partitions were lost), it is
 * abandoned: its offsets were not committed, so its records are delivered again. All of this runs on the consumer's
 * own thread, as the listener does.
 */
@Component
class IndexWriters implements ConsumerAwareRebalanceListener {

    static final Duration IDLE_EVENT_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(IndexWriters.class);

    private final ThreadLocal<DocumentIndexer.Writer> writers;

    IndexWriters(DocumentIndexer indexer) {
        this.writers = ThreadLocal.withInitial(indexer::writer);
    }

    DocumentIndexer.Writer current() {
        return writers.get();
    }

    /** More records wait beyond the batch in hand (Kafka's lag of the consumer's position, as of its last fetch). */
    static boolean moreRecordsWaiting(Consumer<?, ?> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            if (!consumer.paused().contains(partition) && consumer.currentLag(partition).orElse(0) > 0) {
                return true;
            }
        }
        return false;
    }

    @EventListener
    void onIdle(ListenerContainerIdleEvent idle) {
        if (idle.getListenerId().startsWith(AnalyzedDocumentListener.LISTENER_ID)) {
            try {
                current().finish();
            } catch (RuntimeException e) {
                log.warn("The last batch is not complete yet; retried at the next idle check: {}", e.toString());
            }
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        try {
            current().finish();
        } catch (RuntimeException e) {
            log.warn("The last batch is abandoned with the partitions; its records are delivered again: {}",
                e.toString());
            current().abandon();
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        current().abandon();
    }
}

package dev.wenku.search.semantic;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

/**
 * Merges the passages index into one segment once the embedding stage has drained a backlog that grew it by a good
 * share ({@code wenku.search.semantic.merge-after}). A kNN search compares the query with the vectors of every
 * segment and keeps each segment's nearest before taking the nearest of all, so its cost grows with their number
 * besides their size, and a bulk load leaves tens of segments (refreshed every second while the stage writes,
 * merged by size tiers that keep up to ten of each size). Merged once the stage is idle, the search visits one.
 * The share, rather than a fixed count, keeps the cost bounded as the corpus grows: each merge rewrites the whole
 * index, so merging after a share of it has been added costs a constant factor of the writing, not a cost per
 * document that grows with the corpus; a trickle of uploads meanwhile stays in small segments that the index's own
 * merge policy looks after.
 *
 * <p>Elasticsearch runs the merge in the background ({@code wait_for_completion=false}) while searches keep using the
 * segments they have; several instances asking at once queue behind one another on its merge thread, and the later
 * requests find one segment already. Each instance counts what it embedded, so where the stage is spread over
 * several instances, the share is reached a little later.
 */
public class PassageMerging {

    /** Below this many documents embedded since the last merge, none is asked for, whatever the share. */
    static final long FEWEST_DOCUMENTS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(PassageMerging.class);

    private final PassageIndex index;
    private final double share;
    private final MeterRegistry registry;
    private final AtomicLong sinceMerge = new AtomicLong();
    /** What {@link #sinceMerge} was when the index was last asked its size: asked again only when more was added. */
    private final AtomicLong checked = new AtomicLong(-1);

    public PassageMerging(PassageIndex index, double share, MeterRegistry registry) {
        this.index = index;
        this.share = share;
        this.registry = registry;
    }

    /** Counts documents whose passages the stage has written. */
    void embedded(int documents) {
        sinceMerge.addAndGet(documents);
    }

    /** When the stage has nothing left to read and has written enough since the last merge, asks for one. */
    @EventListener
    void onIdle(ListenerContainerIdleEvent idle) {
        if (share <= 0 || !idle.getListenerId().startsWith(EmbeddingListener.LISTENER_ID)) {
            return;
        }
        long added = sinceMerge.get();
        if (added < FEWEST_DOCUMENTS || checked.getAndSet(added) == added) {
            return;
        }
        try {
            long documents = index.documents();
            if (added >= share * documents) {
                index.mergeIntoOneSegment();
                sinceMerge.addAndGet(-added);
                registry.counter("wenku.embedding.merges").increment();
                log.info("{} documents embedded since the last merge, of {}: merging the passages index into one"
                    + " segment", added, documents);
            }
        } catch (IOException | RuntimeException e) {
            checked.set(-1);
            log.warn("Could not ask Elasticsearch to merge the passages index; asked again at the next idle check:"
                + " {}", e.toString());
        }
    }
}

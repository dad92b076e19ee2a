package dev.wenku.search.pipeline;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators pause indexing (for Elasticsearch maintenance, or to let a backlog build up on purpose) and resume it.
 * Paused, the consumer stays in its group and keeps its partitions; events wait in Kafka and nothing is skipped.
 * A pause takes effect after the batch in hand is written.
 */
@RestController
class IndexingControl {

    /**
     * @param paused         an operator asked for indexing to pause
     * @param consumersIdle  every consumer has stopped fetching (the pause has taken effect)
     */
    record IndexingState(boolean paused, boolean consumersIdle) {
    }

    private final KafkaListenerEndpointRegistry listeners;

    IndexingControl(KafkaListenerEndpointRegistry listeners) {
        this.listeners = listeners;
    }

    @GetMapping("/api/search/indexing")
    IndexingState state() {
        MessageListenerContainer container = container();
        return new IndexingState(container.isPauseRequested(), container.isContainerPaused());
    }

    @PostMapping("/api/search/indexing/pause")
    IndexingState pause() {
        container().pause();
        return state();
    }

    @PostMapping("/api/search/indexing/resume")
    IndexingState resume() {
        container().resume();
        return state();
    }

    private MessageListenerContainer container() {
        return listeners.getListenerContainer(AnalyzedDocumentListener.LISTENER_ID);
    }
}

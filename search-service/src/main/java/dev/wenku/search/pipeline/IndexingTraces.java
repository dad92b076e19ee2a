package dev.wenku.search.pipeline;

import dev.wenku.support.kafka.RecordTraces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends each document's trace at its index write: its outcome is logged in a span continuing the trace its record
 * carries ({@link RecordTraces}), so the log line carries the trace id the upload started.
 */
@Component
class IndexingTraces {

    private static final Logger log = LoggerFactory.getLogger(IndexingTraces.class);

    private final RecordTraces traces;

    IndexingTraces(RecordTraces traces) {
        this.traces = traces;
    }

    void written(ConsumerRecord<String, byte[]> record, String outcome) {
        traces.continued(record, "index " + record.topic(), () -> {
            log.info("Document {} {}", record.key(), outcome);
            return null;
        });
    }
}

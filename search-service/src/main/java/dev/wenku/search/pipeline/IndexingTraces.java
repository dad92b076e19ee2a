package dev.wenku.search.pipeline;

import dev.wenku.support.kafka.BatchLogging;
import dev.wenku.support.kafka.RecordTraces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends each document's trace at its index write: its outcome is logged in a span continuing the trace its record
 * carries ({@link RecordTraces}), so the log line carries the trace id the upload started. Large batches (a bulk
 * import) are logged a line per batch instead ({@link BatchLogging}).
 */
@Component
class IndexingTraces {

    private static final Logger log = LoggerFactory.getLogger(IndexingTraces.class);

    private final RecordTraces traces;

    IndexingTraces(RecordTraces traces) {
        this.traces = traces;
    }

    /**
     * @param perDocument whether the record's batch logs each document at INFO ({@link BatchLogging}); in a large
     *                    batch the line (and its span) is only made for DEBUG
     */
    void written(ConsumerRecord<String, byte[]> record, String outcome, boolean perDocument) {
        if (!BatchLogging.logged(log, perDocument)) {
            return;
        }
        traces.continued(record, "index " + record.topic(), () -> {
            BatchLogging.document(log, perDocument, "Document {} {}", record.key(), outcome);
            return null;
        });
    }
}

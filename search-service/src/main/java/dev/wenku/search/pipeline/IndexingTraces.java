package dev.wenku.search.pipeline;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Ends each document's trace at its index write. Batch listeners get no per-record observation from Spring Kafka,
 * so the trace context each record carries in its headers is continued here by hand: one span per document,
 * inside which its outcome is logged (the log line carries the trace id the upload started).
 */
@Component
class IndexingTraces {

    private static final Logger log = LoggerFactory.getLogger(IndexingTraces.class);
    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    IndexingTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
    }

    void written(ConsumerRecord<String, byte[]> record, String outcome) {
        if (tracer == null || propagator == null) {
            log.info("Document {} {}", record.key(), outcome);
            return;
        }
        Span span = propagator.extract(record.headers(), HEADERS).name("index " + record.topic())
            .tag("wenku.document", String.valueOf(record.key())).tag("wenku.outcome", outcome).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            log.info("Document {} {}", record.key(), outcome);
        } finally {
            span.end();
        }
    }
}

package dev.wenku.support.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Continues the trace a record carries in its headers while it is handled. Batch listeners get no per-record
 * observation from Spring Kafka, so without this every document of a batch would lose the trace its upload started:
 * inside {@link #continued}, log lines carry the document's trace id and records sent (the KafkaTemplate observes its
 * sends) carry the trace on to the next stage. Without a tracer (tests, tracing off) the work simply runs.
 */
public final class RecordTraces {

    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Runs {@code work} in a span named {@code name}, child of the record's trace, tagged with the record's key. */
    public <T> T continued(ConsumerRecord<?, ?> record, String name, Supplier<T> work) {
        if (tracer == null || propagator == null) {
            return work.get();
        }
        Span span = propagator.extract(record.headers(), HEADERS).name(name)
            .tag("wenku.document", String.valueOf(record.key())).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}

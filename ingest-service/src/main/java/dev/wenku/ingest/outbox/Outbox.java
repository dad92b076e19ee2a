package dev.wenku.ingest.outbox;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: an event is written in the same database transaction as the document version it tells
 * about, so the two commit together or not at all; {@link OutboxRelay} publishes it to Kafka afterwards. The current
 * trace context (W3C {@code traceparent}) is kept with the event, so one trace still spans upload to index write.
 * Once the transaction commits, the relay is woken up.
 */
@Component
public class Outbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An event to publish: {@code payload} null is a tombstone. */
    public record Event(String topic, String key, byte[] payload) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final OutboxRelay relay;

    public Outbox(NamedParameterJdbcTemplate jdbc, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
                  OutboxRelay relay) {
        this.jdbc = jdbc;
        this.tracer = tracer;
        this.propagator = propagator;
        this.relay = relay;
    }

    /** Appends events, in this order, to the outbox within the caller's transaction. */
    public void append(List<Event> events, Instant at) {
        if (events.isEmpty()) {
            return;
        }
        String headers = JSON.writeValueAsString(traceHeaders());
        SqlParameterSource[] rows = events.stream().map(event -> new MapSqlParameterSource()
                .addValue("topic", event.topic()).addValue("key", event.key()).addValue("payload", event.payload())
                .addValue("headers", headers).addValue("at", Timestamp.from(at)))
            .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("insert into outbox (topic, event_key, payload, headers, created_at)"
            + " values (:topic, :key, :payload, cast(:headers as jsonb), :at)", rows);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
        } else {
            relay.wake();
        }
    }

    private Map<String, String> traceHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        Tracer current = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        if (current != null && propagation != null && current.currentTraceContext().context() != null) {
            propagation.inject(current.currentTraceContext().context(), headers, Map::put);
        }
        return headers;
    }
}

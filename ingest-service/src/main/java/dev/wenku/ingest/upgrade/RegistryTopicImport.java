package dev.wenku.ingest.upgrade;

import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.EventJson;
import dev.wenku.events.Topics;
import dev.wenku.ingest.IngestProperties;
import dev.wenku.ingest.registry.DocumentRecord.AnalysisSummary;
import dev.wenku.ingest.registry.DocumentRecord.CompilationRef;
import dev.wenku.ingest.registry.DocumentStore;
import dev.wenku.kafkatable.TopicSnapshot;
import dev.wenku.text.RepairWarning;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The upgrade from the Kafka-backed registry of earlier versions: on the first start of this version, the document
 * records of the compacted topic {@code wenku.ingest.registry} are imported once, each with the text of its version
 * from {@code wenku.documents.ingested}, so nobody loses a document; the table {@code registry_import} says it was
 * done, and the topic is never written again. The records go through a temporary table (not the heap), in one
 * transaction: an import that fails leaves nothing behind and is tried again half a minute later. Imported
 * versions are already in Kafka: nothing is published.
 */
@Component
class RegistryTopicImport {

    private static final Logger log = LoggerFactory.getLogger(RegistryTopicImport.class);
    private static final int BATCH = 500;
    private static final long IMPORT_LOCK = 0x77656e6b75L + 1;

    /** A record as the Kafka-backed registry stored it (the fields this import needs). */
    record LegacyRecord(String id, long version, String title, String source, List<String> tags, String contentHash,
                        String sourceHash, String encoding, Map<String, Integer> repairs,
                        List<RepairWarning> warnings, Status status, String statusReason, CompilationRef compilation,
                        AnalysisSummary analysis, Instant createdAt, Instant updatedAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DocumentStore store;
    private final IngestProperties properties;
    private final KafkaProperties kafka;
    private final Clock clock;

    RegistryTopicImport(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, DocumentStore store,
                        IngestProperties properties, KafkaProperties kafka, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.store = store;
        this.properties = properties;
        this.kafka = kafka;
        this.clock = clock;
    }

    /**
     * Imports the earlier registry unless that was done: at start-up and then every half minute until it could be
     * done (Kafka must answer; the service works meanwhile, and documents stored meanwhile are never overwritten by
     * an imported record of the same id). One instance at a time (a transaction-scoped advisory lock).
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "PT30S")
    public void importOnce() {
        if (done()) {
            return;
        }
        try {
            if (!topicExists()) {
                markDone(0);
                return;
            }
            Integer imported = transactions.execute(status -> importAll());
            if (imported != null && imported >= 0) {
                log.info("Imported {} document records of the topic {} into the database", imported,
                    properties.registryTopic());
            }
        } catch (RuntimeException e) {
            log.warn("The import of the earlier registry ({}) will be tried again: {}", properties.registryTopic(),
                e.getMessage());
        }
    }

    /** Returns -1 when another instance is importing. */
    private int importAll() {
        Boolean mine = jdbc.queryForObject("select pg_try_advisory_xact_lock(:key)", Map.of("key", IMPORT_LOCK),
            Boolean.class);
        if (!Boolean.TRUE.equals(mine) || done()) {
            return -1;
        }
        jdbc.update("create temporary table legacy_record (id text primary key, record text not null) on commit drop",
            Map.of());
        List<Map<String, Object>> staged = new ArrayList<>();
        TopicSnapshot.read(properties.registryTopic(), kafka.buildAdminProperties(), record -> {
            if (record.key() != null) {
                staged.add(Map.of("id", record.key(), "record", record.value() == null ? ""
                    : new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)));
                if (staged.size() == BATCH) {
                    stage(staged);
                }
            }
        });
        stage(staged);
        jdbc.update("delete from legacy_record where record = ''", Map.of());
        int[] imported = {0};
        List<DocumentIngested> texts = new ArrayList<>();
        TopicSnapshot.read(Topics.DOCUMENTS_INGESTED, kafka.buildAdminProperties(), record -> {
            if (record.value() != null) {
                texts.add(EventJson.MAPPER.readValue(record.value(), DocumentIngested.class));
                if (texts.size() == BATCH) {
                    imported[0] += importTexts(texts);
                }
            }
        });
        imported[0] += importTexts(texts);
        imported[0] += importDeleted();
        markDone(imported[0]);
        return imported[0];
    }

    private void stage(List<Map<String, Object>> staged) {
        if (!staged.isEmpty()) {
            jdbc.batchUpdate("insert into legacy_record (id, record) values (:id, :record)"
                + " on conflict (id) do update set record = excluded.record", staged.toArray(Map[]::new));
            staged.clear();
        }
    }

    /** Imports the staged records whose version these texts are, and unstages them. */
    private int importTexts(List<DocumentIngested> texts) {
        if (texts.isEmpty()) {
            return 0;
        }
        Map<String, DocumentIngested> byId = new java.util.HashMap<>();
        texts.forEach(text -> byId.merge(text.documentId(), text, (a, b) -> a.version() >= b.version() ? a : b));
        texts.clear();
        int imported = 0;
        for (LegacyRecord record : staged(byId.keySet())) {
            DocumentIngested text = byId.get(record.id());
            if (text != null && text.version() == record.version()) {
                store.importVersion(newVersion(record, text.body()), record.status(), record.statusReason(),
                    record.analysis(), record.updatedAt());
                jdbc.update("delete from legacy_record where id = :id", Map.of("id", record.id()));
                imported++;
            }
        }
        return imported;
    }

    /** Records left once every text was read: deleted documents (their text is gone from the compacted topic). */
    private int importDeleted() {
        List<LegacyRecord> left = jdbc.query("select record from legacy_record", Map.of(),
            (row, i) -> EventJson.MAPPER.readValue(row.getString(1), LegacyRecord.class));
        for (LegacyRecord record : left) {
            store.importVersion(newVersion(record, ""), Status.DELETED, record.statusReason(), null, record.updatedAt());
        }
        if (!left.isEmpty()) {
            log.info("{} records of {} had no text left in {}: imported as deleted", left.size(),
                properties.registryTopic(), Topics.DOCUMENTS_INGESTED);
        }
        return left.size();
    }

    private List<LegacyRecord> staged(Set<String> ids) {
        return jdbc.query("select record from legacy_record where id = any(:ids)",
            Map.of("ids", ids.toArray(String[]::new)),
            (row, i) -> EventJson.MAPPER.readValue(row.getString(1), LegacyRecord.class));
    }

    private static DocumentStore.NewVersion newVersion(LegacyRecord record, String body) {
        Instant created = record.createdAt() != null ? record.createdAt() : record.updatedAt();
        return new DocumentStore.NewVersion(record.id(), (int) record.version(), record.title(), body, record.source(),
            null, record.tags(), record.encoding(), record.repairs(), record.warnings(), record.contentHash(),
            record.compilation(), record.sourceHash(), null, null, "import", created);
    }

    private boolean done() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from registry_import)", Map.of(),
            Boolean.class));
    }

    private void markDone(int documents) {
        jdbc.update("insert into registry_import (id, imported_at, documents) values (1, :at, :documents)"
            + " on conflict (id) do nothing", Map.of("at", Timestamp.from(clock.instant()), "documents", documents));
    }

    private boolean topicExists() {
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            return admin.listTopics().names().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)
                .contains(properties.registryTopic());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot tell whether " + properties.registryTopic() + " exists (Kafka: "
                + e.getMessage() + "); the import of the earlier registry is tried again at the next start", e);
        }
    }
}

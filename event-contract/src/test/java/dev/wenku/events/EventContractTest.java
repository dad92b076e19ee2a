package dev.wenku.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventContractTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:15:30Z");

    private final EventSerializer serializer = new EventSerializer();

    @Test
    void anIngestedEventRoundTripsAndMatchesItsPublishedSchema() {
        DocumentIngested event = DocumentIngested.of("abc", 1, "新质生产力", "培育發展新質生產力", "seeds/a.txt", "王編輯",
            List.of("经济"), AT);
        byte[] json = serializer.serialize(Topics.DOCUMENTS_INGESTED, event);
        assertEquals(List.of(), violations("document-ingested.v1.schema.json", json));
        assertEquals(event, new EventDeserializer<>(DocumentIngested.class).deserialize(Topics.DOCUMENTS_INGESTED, json));
    }

    @Test
    void anAnalyzedEventRoundTripsAndMatchesItsPublishedSchema() {
        DocumentAnalyzed event = new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "abc", 2, "標題", "正文",
            "标题", "正文", null, List.of(), List.of(new DocumentAnalyzed.Keyword("新质生产力", 0.9, "xinzhishengchanli")),
            List.of("现代化产业体系"), "发展新质生产力。", List.of(new DocumentAnalyzed.Entity("黑龙江", "PLACE", 2)),
            List.of(new DocumentAnalyzed.Theme("technological-innovation", "科技创新", 0.8)), "biao ti",
            List.of("标题", "正文"), AT, AT, "王編輯");
        byte[] json = serializer.serialize(Topics.DOCUMENTS_ANALYZED, event);
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"author\":\"王編輯\""));
        assertEquals(List.of(), violations("document-analyzed.v1.schema.json", json));
        assertEquals(event, new EventDeserializer<>(DocumentAnalyzed.class).deserialize(Topics.DOCUMENTS_ANALYZED, json));
    }

    @Test
    void anAnalyzedEventOfTheFirstReleaseWithoutTheLaterOptionalFieldsStillReads() {
        byte[] json = """
            {"schemaVersion":1,"documentId":"old","version":1,"body":"正文","simplifiedBody":"正文","keywords":[{"term":"正文","weight":1.0}],
             "ingestedAt":"2026-11-27T10:15:30Z","analyzedAt":"2026-11-27T10:15:31Z"}""".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), violations("document-analyzed.v1.schema.json", json));
        DocumentAnalyzed event = new EventDeserializer<>(DocumentAnalyzed.class).deserialize("t", json);
        assertEquals(List.of(), event.themes());
        assertEquals("正文", event.keywords().getFirst().term());
    }

    @Test
    void theDocumentedConsoleProducerExampleIsAValidIngestedEvent() {
        String example = """
            {"schemaVersion":1,"documentId":"manual-1","version":1,"title":"试验","body":"新质生产力的内涵","source":"console","tags":[],"ingestedAt":"2026-11-27T10:15:30Z"}""";
        byte[] json = example.getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), violations("document-ingested.v1.schema.json", json));
        DocumentIngested event = new EventDeserializer<>(DocumentIngested.class).deserialize("t", json);
        assertEquals("manual-1", event.documentId());
    }

    @Test
    void aStatusReportMatchesItsPublishedSchema() {
        byte[] json = serializer.serialize(Topics.DOCUMENT_STATUS,
            DocumentStatusChanged.of("abc", 3, DocumentStatusChanged.Status.FAILED, "boom", "analysis-service", AT));
        assertEquals(List.of(), violations("document-status-changed.v1.schema.json", json));
        assertEquals(DocumentStatusChanged.Status.FAILED,
            new EventDeserializer<>(DocumentStatusChanged.class).deserialize("t", json).status());
    }

    @Test
    void aNewerSchemaVersionIsRefusedNotMisread() {
        byte[] json = """
            {"schemaVersion":2,"documentId":"x","version":1,"body":"b","ingestedAt":"2026-11-27T10:15:30Z"}"""
            .getBytes(StandardCharsets.UTF_8);
        SerializationException e = assertThrows(SerializationException.class,
            () -> new EventDeserializer<>(DocumentIngested.class).deserialize("t", json));
        assertTrue(e.getMessage().contains("schemaVersion 2"), e.getMessage());
    }

    @Test
    void malformedJsonIsASerializationErrorNamingTheEventType() {
        SerializationException e = assertThrows(SerializationException.class,
            () -> new EventDeserializer<>(DocumentIngested.class).deserialize("t", "{not json".getBytes()));
        assertTrue(e.getMessage().contains("DocumentIngested"), e.getMessage());
    }

    @Test
    void theEventTypeCanBeConfiguredByClassNameAndTombstonesStayNull() {
        EventDeserializer<DocumentIngested> deserializer = new EventDeserializer<>();
        deserializer.configure(Map.of(EventDeserializer.EVENT_TYPE_CONFIG, DocumentIngested.class.getName()), false);
        assertNull(deserializer.deserialize("t", null));
        byte[] json = serializer.serialize("t", DocumentIngested.of("id", 1, "t", "b", null, null, AT));
        assertEquals("id", deserializer.deserialize("t", json).documentId());
    }

    private static List<String> violations(String schemaFile, byte[] json) {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(EventContractTest.class.getResourceAsStream("/schemas/" + schemaFile));
        return schema.validate(EventJson.MAPPER.readTree(json)).stream().map(Error::getMessage).toList();
    }
}

package dev.wenku.infrastructure.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class KafkaAclsTest {

    /** The project's file; tests run in the module's folder. */
    private static final List<AclBinding> PROJECT_ACLS = KafkaAcls.read(Path.of("../../config/kafka-acls.txt"));

    @Test
    void onlyTheProducerOfEachPipelineTopicAndTheDeadLetterReplayMayWriteIt() {
        assertEquals(Set.of("ingest-service", "operations-service"), writers("wenku.documents.ingested"));
        assertEquals(Set.of("analysis-service", "operations-service"), writers("wenku.documents.analyzed"));
        assertEquals(Set.of("analysis-service", "search-service"), writers("wenku.documents.status"));
    }

    @Test
    void theEditorsTextsAreReadByIngestAnalysisAndTheReplayOnly() {
        assertEquals(Set.of("ingest-service", "analysis-service", "operations-service"),
            users("wenku.documents.ingested", AclOperation.READ));
    }

    @Test
    void everyServiceUserIsNamedAsAServiceAndNoGrantIsADenyOrAPrefixOfEverything() {
        Set<String> services = Set.of("ingest-service", "analysis-service", "search-service", "operations-service");
        for (AclBinding binding : PROJECT_ACLS) {
            assertTrue(services.contains(binding.entry().principal().substring("User:".length())), binding.toString());
            assertTrue(binding.pattern().patternType() == PatternType.LITERAL, binding.toString());
            if (binding.pattern().name().equals("*")) {
                assertEquals(AclOperation.DESCRIBE, binding.entry().operation(), "a wildcard only describes");
            }
        }
    }

    @Test
    void aLineIsParsedIntoOneBindingPerOperation() {
        List<AclBinding> bindings = KafkaAcls.parse(List.of("# comment", "", "svc group literal g Read,Describe # why"), "t");
        assertEquals(2, bindings.size());
        assertEquals(ResourceType.GROUP, bindings.getFirst().pattern().resourceType());
        assertEquals("User:svc", bindings.getFirst().entry().principal());
        assertEquals(AclOperation.DESCRIBE, bindings.get(1).entry().operation());
    }

    @Test
    void aMistakeNamesItsLine() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> KafkaAcls.parse(List.of("svc topic literal t Read", "svc topic literal t Wirte"), "acls.txt"));
        assertTrue(unknown.getMessage().contains("acls.txt line 2") && unknown.getMessage().contains("Wirte"),
            unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KafkaAcls.parse(List.of("svc topic t Read"), "acls.txt"));
    }

    private static Set<String> writers(String topic) {
        return users(topic, AclOperation.WRITE);
    }

    private static Set<String> users(String topic, AclOperation operation) {
        return PROJECT_ACLS.stream()
            .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC && b.pattern().name().equals(topic)
                && b.entry().operation() == operation)
            .map(b -> b.entry().principal().substring("User:".length())).collect(Collectors.toSet());
    }
}

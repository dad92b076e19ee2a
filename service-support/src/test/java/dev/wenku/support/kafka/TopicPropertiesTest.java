package dev.wenku.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** Topic settings that could never work are refused when the service starts, naming the setting. */
class TopicPropertiesTest {

    @Test
    void moreReplicasInSyncThanReplicasAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new TopicProperties(12, (short) 2, 3, Duration.ofDays(1), true));
        assertTrue(refused.getMessage().contains("min-insync-replicas (3)"), refused.getMessage());
    }

    @Test
    void zeroReplicasInSyncAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new TopicProperties(12, (short) -1, 0, Duration.ofDays(1), true));
        assertTrue(refused.getMessage().contains("wenku.kafka.topics.min-insync-replicas"), refused.getMessage());
    }

    @Test
    void theDefaultsLeaveReplicasInSyncToTheBrokerAndKeepTombstonesADay() {
        NewTopic compacted = PipelineTopics.withDefaults().documentsAnalyzed();

        assertEquals(12, compacted.numPartitions());
        assertEquals("86400000", compacted.configs().get("delete.retention.ms"));
        assertFalse(compacted.configs().containsKey("min.insync.replicas"), compacted.configs().toString());
    }
}

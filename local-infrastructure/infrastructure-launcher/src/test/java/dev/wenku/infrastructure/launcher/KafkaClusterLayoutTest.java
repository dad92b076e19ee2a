package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cluster's voters and addresses as Kafka reads them, and ids its storage tool does not take for options. */
class KafkaClusterLayoutTest {

    @Test
    void votersAndBootstrapServersNameEveryNodeByIdFromOne() {
        KafkaClusterLayout cluster = new KafkaClusterLayout(Path.of("kafka"), List.of(9001, 9002, 9003),
            List.of(9101, 9102, 9103), "AAAAAAAAAAAAAAAAAAAAAA");

        assertEquals("1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103", cluster.voters());
        assertEquals("127.0.0.1:9001,127.0.0.1:9002,127.0.0.1:9003", cluster.bootstrapServers());
        assertEquals(Path.of("kafka", "node-2"), cluster.data(1));
    }

    /** One id in 64 started with '-' and made kafka-storage fail: "argument --cluster-id: expected one argument". */
    @Test
    void aClusterIdIsAKafkaUuidThatNeverStartsWithADash() {
        for (int i = 0; i < 5000; i++) {
            String id = KafkaClusterLayout.randomClusterId();
            assertEquals(22, id.length(), id);
            assertFalse(id.startsWith("-"), id);
        }
    }
}

package dev.wenku.support.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

@ExtendWith(RealInfrastructureExtension.class)
class KafkaHealthIndicatorIT {

    @Test
    void aReachableClusterIsUpWithItsIdAndBrokers() {
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(Map.of("bootstrap.servers",
            SharedInfrastructure.get().kafkaBootstrapServers()), Duration.ofSeconds(5));
        try {
            Health health = indicator.health(true);
            assertEquals(Status.UP, health.getStatus(), health.toString());
            assertEquals(1, health.getDetails().get("brokers"));
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void anUnreachableClusterIsDownWithinTheTimeout() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(Map.of("bootstrap.servers", "127.0.0.1:" + closed),
            Duration.ofSeconds(1));
        try {
            long start = System.nanoTime();
            Health health = indicator.health(true);
            assertEquals(Status.DOWN, health.getStatus());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "answers promptly");
        } finally {
            indicator.destroy();
        }
    }
}

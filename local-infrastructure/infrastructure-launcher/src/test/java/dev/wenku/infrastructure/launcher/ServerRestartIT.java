package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command restarts servers on the data they left: nothing written before a restart may be lost. */
class ServerRestartIT {

    @TempDir
    Path data;

    @Test
    void kafkaRestartedOnItsDataDirectoryStillHasWhatWasWritten() throws Exception {
        LocalServers servers = new LocalServers(ProjectLayout.locate(), data.resolve("logs"), null);
        int port = FreePorts.next();
        try (RunningServer kafka = servers.startKafka(data.resolve("kafka"), port)) {
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.address()))) {
                admin.createTopics(List.of(new NewTopic("restart-probe", 1, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.address(),
                    "acks", "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("restart-probe", "k", "写入后重启")).get();
            }
        }
        try (RunningServer kafka = servers.startKafka(data.resolve("kafka"), port);
             var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.address(),
                 "group.id", "restart", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("restart-probe"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 30 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }
            assertEquals("写入后重启", records.iterator().next().value());
        }
    }
}

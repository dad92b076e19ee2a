package dev.wenku.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What a Kafka client with given settings (a login) may do: each probe answers null when allowed, or why not. */
final class KafkaRights {

    private KafkaRights() {
    }

    /** Sends one record to {@code topic}. */
    static Throwable write(Map<String, Object> login, String topic, String key, String value) {
        Map<String, Object> settings = bounded(login);
        settings.put("acks", "all");
        settings.put("max.block.ms", 15_000);
        settings.put("delivery.timeout.ms", 20_000);
        try (var producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (KafkaException | java.util.concurrent.TimeoutException | InterruptedException e) {
            return e;
        }
    }

    /** Reads from the start of partition 0 of {@code topic}, without a group. */
    static Throwable read(Map<String, Object> login, String topic) {
        try (var consumer = new KafkaConsumer<>(bounded(login), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.poll(Duration.ofSeconds(5));
            return null;
        } catch (KafkaException e) {
            return e;
        }
    }

    /** Lists the topics. */
    static Throwable listTopics(Map<String, Object> login) {
        try (Admin admin = Admin.create(bounded(login))) {
            admin.listTopics().names().get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (KafkaException | java.util.concurrent.TimeoutException | InterruptedException e) {
            return e;
        }
    }

    private static Map<String, Object> bounded(Map<String, Object> login) {
        Map<String, Object> settings = new HashMap<>(login);
        settings.put("request.timeout.ms", 5_000);
        settings.put("default.api.timeout.ms", 8_000);
        return settings;
    }
}

package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 3 (the broker's part): a Kafka started with users lets in only clients that authenticate with
 * SASL/SCRAM, and a client may write only the topics an ACL of the broker's ACL file ({@code acls=}) gives it. Also
 * after a restart on the same storage, with new passwords (the embedded run makes new ones at every start).
 */
@Tag("security")
class KafkaSecurityIT {

    @TempDir
    Path data;

    @Test
    void onlyAuthenticatedClientsGetInAndEachWritesOnlyWhatItsAclAllows() throws Exception {
        LocalServers servers = new LocalServers(ProjectLayout.locate(), data.resolve("logs"), null);
        int port = FreePorts.next();
        Path acls = Files.writeString(data.resolve("acls.txt"), "# what writer may do\nwriter topic literal granted Write\n");
        try (RunningServer kafka = servers.startKafka(data.resolve("kafka"), port, users("admin-1", "writer-1"), acls)) {
            try (Admin admin = Admin.create(superUser(kafka, "admin-1"))) {
                admin.createTopics(List.of(new NewTopic("granted", 1, (short) 1), new NewTopic("other", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            }
            assertNull(send(client(kafka, "writer", "writer-1"), "granted"));
            assertInstanceOf(TopicAuthorizationException.class, send(client(kafka, "writer", "writer-1"), "other"));
            assertInstanceOf(SaslAuthenticationException.class, send(client(kafka, "writer", "a guess"), "granted"));
            assertThrows(Exception.class, () -> listTopics(Map.of("bootstrap.servers", kafka.address())),
                "a client without SASL is not let in");
        }
        try (RunningServer kafka = servers.startKafka(data.resolve("kafka"), port, users("admin-2", "writer-2"), acls)) {
            assertNull(send(client(kafka, "writer", "writer-2"), "granted"), "new password, same ACL");
            assertInstanceOf(SaslAuthenticationException.class, send(client(kafka, "writer", "writer-1"), "granted"));
        }
    }

    private static SequencedMap<String, String> users(String adminPassword, String writerPassword) {
        SequencedMap<String, String> users = new LinkedHashMap<>();
        users.put("admin", adminPassword);
        users.put("writer", writerPassword);
        return users;
    }

    /** The super user logs in with PLAIN (it needs no SCRAM credential), everyone else with SCRAM. */
    private static Map<String, Object> superUser(RunningServer kafka, String password) {
        return Map.of("bootstrap.servers", kafka.address(), "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "PLAIN", "sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                + password + "\";");
    }

    private static Map<String, Object> client(RunningServer kafka, String user, String password) {
        return Map.of("bootstrap.servers", kafka.address(), "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "SCRAM-SHA-256", "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";");
    }

    /** Sends one record; null when it was written, otherwise why not. */
    private static Throwable send(Map<String, Object> settings, String topic) throws InterruptedException {
        Map<String, Object> producer = new LinkedHashMap<>(settings);
        producer.put("acks", "all");
        producer.put("max.block.ms", 15_000);
        producer.put("delivery.timeout.ms", 20_000);
        producer.put("request.timeout.ms", 10_000);
        try (var records = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            records.send(new ProducerRecord<>(topic, "k", "受保护的主题")).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (org.apache.kafka.common.KafkaException | java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    private static void listTopics(Map<String, Object> settings) throws Exception {
        Map<String, Object> admin = new LinkedHashMap<>(settings);
        admin.put("request.timeout.ms", 3_000);
        admin.put("default.api.timeout.ms", 5_000);
        try (Admin client = Admin.create(admin)) {
            client.listTopics().names().get(10, TimeUnit.SECONDS);
        }
    }
}

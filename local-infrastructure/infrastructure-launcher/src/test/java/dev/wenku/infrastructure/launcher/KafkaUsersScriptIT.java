package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml's Kafka set-up, without Docker: {@code scripts/kafka-users.sh}, which the compose container
 * {@code kafka-users} runs, here with Kafka's own {@code kafka-configs} and {@code kafka-acls} commands (the classes
 * the image's scripts start) against a real broker that knows only its super user. Afterwards every service logs in
 * with its password and has exactly the grants of {@code config/kafka-acls.txt}.
 */
@Tag("security")
class KafkaUsersScriptIT {

    private static final List<String> SERVICES = List.of("ingest-service", "analysis-service", "search-service",
        "operations-service");

    @TempDir
    Path data;

    @Test
    void theComposeScriptGivesEachServiceItsPasswordAndTheGrantsOfTheAclFile() throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        KafkaAccounts accounts = KafkaAccounts.generate(SERVICES);
        SequencedMap<String, String> superUserOnly = new LinkedHashMap<>();
        superUserOnly.put(KafkaAccounts.SUPER_USER, accounts.passwords().get(KafkaAccounts.SUPER_USER));
        LocalServers servers = new LocalServers(layout, data.resolve("logs"), null);
        try (RunningServer kafka = servers.startKafka(data.resolve("kafka"), FreePorts.next(), superUserOnly, null)) {
            try (Admin admin = Admin.create(accounts.superUserSettings(kafka.address()))) {
                admin.createTopics(List.of(new NewTopic("wenku.documents.analyzed", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            }
            Process script = startScript(layout, kafka, accounts);
            assertEquals(0, script.waitFor(), () -> read(data.resolve("script.log")));

            try (Admin admin = Admin.create(accounts.superUserSettings(kafka.address()))) {
                assertEquals(grantsInTheFile(layout), admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(30, TimeUnit.SECONDS).size());
            }
            assertNull(send(accounts.settings(kafka.address(), "analysis-service")), "analysis-service publishes");
            assertInstanceOf(TopicAuthorizationException.class,
                send(accounts.settings(kafka.address(), "search-service")), "search-service may not");
        }
    }

    /** Starts the script with the environment the compose file gives its container. */
    private Process startScript(ProjectLayout layout, RunningServer kafka, KafkaAccounts accounts) throws Exception {
        Path bin = Files.createDirectories(data.resolve("bin"));
        command(bin.resolve("kafka-configs.sh"), layout, "kafka.admin.ConfigCommand");
        command(bin.resolve("kafka-acls.sh"), layout, "org.apache.kafka.tools.AclCommand");
        ProcessBuilder builder = new ProcessBuilder("sh", layout.root().resolve("scripts/kafka-users.sh").toString())
            .redirectErrorStream(true).redirectOutput(data.resolve("script.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("KAFKA_BIN", bin.toString());
        environment.put("KAFKA_SERVER", kafka.address());
        environment.put("KAFKA_ACLS", layout.root().resolve(KafkaAccounts.ACL_FILE).toString());
        environment.put("WENKU_KAFKA_ADMIN_PASSWORD", accounts.passwords().get(KafkaAccounts.SUPER_USER));
        for (String service : SERVICES) {
            String variable = "WENKU_KAFKA_" + service.replace("-service", "").toUpperCase(Locale.ROOT) + "_PASSWORD";
            environment.put(variable, accounts.passwords().get(service));
        }
        return builder.start();
    }

    private static void command(Path script, ProjectLayout layout, String mainClass) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -Xmx128m -cp '"
            + layout.serverClasspath("kafka-server") + "' " + mainClass + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    private static int grantsInTheFile(ProjectLayout layout) throws Exception {
        int grants = 0;
        for (String line : Files.readAllLines(layout.root().resolve(KafkaAccounts.ACL_FILE))) {
            String grant = line.replaceFirst("#.*", "").strip();
            if (!grant.isEmpty()) {
                grants += grant.split("\\s+")[4].split(",").length;
            }
        }
        assertTrue(grants > 20, "the file grants " + grants);
        return grants;
    }

    /** Sends one record to wenku.documents.analyzed; null when written, otherwise why not. */
    private static Throwable send(Map<String, Object> login) throws InterruptedException {
        Map<String, Object> settings = new LinkedHashMap<>(login);
        settings.put("max.block.ms", 15_000);
        settings.put("delivery.timeout.ms", 20_000);
        settings.put("request.timeout.ms", 10_000);
        try (var producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("wenku.documents.analyzed", "k", "{}")).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (org.apache.kafka.common.KafkaException | java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}

package dev.wenku.infrastructure.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The services' Kafka ACLs, read from {@code config/kafka-acls.txt}: the one statement of them, which the embedded
 * broker grants at start-up (argument {@code acls=}) and docker-compose.yml's {@code kafka-users} container grants
 * with Kafka's own {@code kafka-acls.sh}. Each line is {@code user resource-type pattern name operations}; {@code #}
 * starts a comment.
 */
final class KafkaAcls {

    private KafkaAcls() {
    }

    /** The grants of {@code file}, one binding per operation. */
    static List<AclBinding> read(Path file) {
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Kafka ACLs in " + file, e);
        }
    }

    /** @param source what the lines are, for messages (the file) */
    static List<AclBinding> parse(List<String> lines, String source) {
        List<AclBinding> bindings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 5) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                    + ": expected user, resource type, pattern, name and operations, got: " + line);
            }
            String at = source + " line " + (i + 1);
            ResourcePattern resource = new ResourcePattern(enumValue(ResourceType.class, fields[1], at),
                fields[3], enumValue(PatternType.class, fields[2], at));
            for (String operation : fields[4].split(",")) {
                bindings.add(new AclBinding(resource, new AccessControlEntry("User:" + fields[0], "*",
                    enumValue(AclOperation.class, operation, at), AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String at) {
        String constant = name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        try {
            return Enum.valueOf(type, constant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": unknown " + type.getSimpleName()
                + " " + name, e);
        }
    }

    /**
     * Grants {@code bindings} as the super user ({@code superUserSettings}); granting one that exists changes nothing,
     * so this runs at every start.
     */
    static void apply(Map<String, Object> superUserSettings, List<AclBinding> bindings) {
        try (Admin admin = Admin.create(superUserSettings)) {
            admin.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not grant the Kafka ACLs " + bindings, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

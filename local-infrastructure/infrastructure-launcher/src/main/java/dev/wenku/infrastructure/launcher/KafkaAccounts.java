package dev.wenku.infrastructure.launcher;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The Kafka users of a run: the super user {@value #SUPER_USER}, who sets up the ACLs and whom tests and tools use,
 * and one user per service, named as the service, whose rights are the ACLs of {@code config/kafka-acls.txt}. The
 * passwords are new at every start and held only in memory and in the processes' environments: the broker sets every
 * user's SCRAM credential again when it starts, so nothing needs to be kept on disk.
 *
 * @param passwords every user's password by name, the super user's first
 */
public record KafkaAccounts(SequencedMap<String, String> passwords) {

    public static final String SUPER_USER = "wenku-admin";
    /** The services' grants, in the project (docker-compose.yml's kafka-users container grants the same file). */
    static final String ACL_FILE = "config/kafka-acls.txt";
    public static final String JAVA_CLIENT_FILE = "admin.properties";
    public static final String KCAT_FILE = "kcat.conf";
    /** {@code wenku.kafka.sasl.username} and {@code .password} of a service, in its environment. */
    static final String USERNAME_VARIABLE = "WENKU_KAFKA_SASL_USERNAME";
    static final String PASSWORD_VARIABLE = "WENKU_KAFKA_SASL_PASSWORD";

    /** The super user and a user for each of {@code services}, with new passwords. */
    public static KafkaAccounts generate(Collection<String> services) {
        SequencedMap<String, String> passwords = new LinkedHashMap<>();
        passwords.put(SUPER_USER, RandomSecrets.generate(24));
        services.forEach(service -> passwords.put(service, RandomSecrets.generate(24)));
        return new KafkaAccounts(passwords);
    }

    /** Client settings of the super user (SASL/PLAIN: it needs no SCRAM credential, so it works on any storage). */
    public Map<String, Object> superUserSettings(String bootstrapServers) {
        return settings(bootstrapServers, "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            SUPER_USER);
    }

    /** Client settings of {@code user}, as the service of that name logs in (SASL/SCRAM-SHA-256). */
    public Map<String, Object> settings(String bootstrapServers, String user) {
        if (!passwords.containsKey(user) || SUPER_USER.equals(user)) {
            throw new IllegalArgumentException("No Kafka user " + user + " among " + passwords.keySet());
        }
        return settings(bootstrapServers, "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            user);
    }

    /**
     * Writes the super user's login for a developer's own Kafka clients into {@code directory}, readable by its owner
     * only: {@value #JAVA_CLIENT_FILE} for Kafka's command-line tools ({@code --command-config}) and Java clients,
     * {@value #KCAT_FILE} for kcat ({@code -F}, librdkafka's names). Rewritten at every start, as the password is new.
     */
    public void writeClientFiles(Path directory) {
        StringBuilder java = new StringBuilder();
        superUserSettings("").forEach((name, value) -> {
            if (!name.equals("bootstrap.servers")) {
                java.append(name).append('=').append(value).append('\n');
            }
        });
        PrivateDirectories.writeFile(directory.resolve(JAVA_CLIENT_FILE), java.toString());
        PrivateDirectories.writeFile(directory.resolve(KCAT_FILE), "security.protocol=SASL_PLAINTEXT\n"
            + "sasl.mechanisms=PLAIN\nsasl.username=" + SUPER_USER + "\nsasl.password=" + passwords.get(SUPER_USER) + "\n");
    }

    /** What the service {@code user} needs in its environment to log in ({@code wenku.kafka.sasl.*}). */
    Map<String, String> environment(String user) {
        return passwords.containsKey(user)
            ? Map.of(USERNAME_VARIABLE, user, PASSWORD_VARIABLE, passwords.get(user))
            : Map.of();
    }

    private Map<String, Object> settings(String bootstrapServers, String mechanism, String module, String user) {
        return Map.of("bootstrap.servers", bootstrapServers, "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", mechanism,
            "sasl.jaas.config", module + " required username=\"" + user + "\" password=\"" + passwords.get(user) + "\";");
    }

    @Override
    public String toString() {
        return "KafkaAccounts" + passwords.keySet() + " (passwords hidden)";
    }
}

package dev.wenku.infrastructure.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts of a secured broker, from the environment variable {@value #ENVIRONMENT} (one {@code name:password}
 * per line; the environment, so no password shows in the process list). The first is the super user, who logs in
 * with PLAIN: the broker uses it for itself (towards its controller and itself) and whoever sets up users, topics and
 * ACLs uses it too; the others log in with SCRAM and their rights are ACLs. Without the variable the broker runs
 * without authentication.
 *
 * @param superUser the first account's name
 * @param passwords every account's password by name, the super user's first
 */
record KafkaUsers(String superUser, Map<String, String> passwords) {

    static final String ENVIRONMENT = "WENKU_KAFKA_USERS";

    static Optional<KafkaUsers> fromEnvironment() {
        String users = System.getenv(ENVIRONMENT);
        return users == null || users.isBlank() ? Optional.empty() : Optional.of(parse(users));
    }

    static KafkaUsers parse(String lines) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String line : lines.strip().split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IllegalArgumentException(ENVIRONMENT + ": each line must be name:password");
            }
            String name = line.substring(0, colon).strip();
            String password = line.substring(colon + 1).strip();
            if (!name.matches("[A-Za-z0-9._-]+") || password.contains("\"") || password.contains("\\")) {
                throw new IllegalArgumentException(ENVIRONMENT + ": user names are letters, digits, '.', '_' and '-';"
                    + " passwords hold no '\"' or '\\' (they are written into JAAS settings)");
            }
            passwords.put(name, password);
        }
        return new KafkaUsers(passwords.keySet().iterator().next(), Map.copyOf(passwords));
    }

    String superPassword() {
        return passwords.get(superUser);
    }

    /** The JAAS line a client of mechanism {@code module} logs in with as the super user. */
    String superUserLogin(String module) {
        return module + " required username=\"" + superUser + "\" password=\"" + superPassword() + "\";";
    }

    /** Settings of an admin client of the broker on {@code port} logged in as the super user (SASL/PLAIN). */
    Map<String, Object> superUserSettings(int port) {
        return Map.of("bootstrap.servers", "127.0.0.1:" + port, "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "PLAIN", "sasl.jaas.config", superUserLogin(KafkaNodeProperties.PLAIN));
    }

    @Override
    public String toString() {
        return "KafkaUsers[superUser=" + superUser + ", users=" + passwords.keySet() + "]";
    }
}

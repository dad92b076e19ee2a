package dev.wenku.infrastructure.kafka;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Sets the SCRAM credential of every user but the super user (who logs in with PLAIN), as the super user, at every
 * start: the passwords may be new (the embedded run generates them) and a storage formatted before security was on
 * has none.
 */
final class ScramCredentials {

    private static final int ITERATIONS = 8192;

    private ScramCredentials() {
    }

    static void apply(int port, KafkaUsers users) throws InterruptedException {
        List<UserScramCredentialAlteration> credentials = users.passwords().entrySet().stream()
            .filter(user -> !user.getKey().equals(users.superUser()))
            .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, ITERATIONS), user.getValue()))
            .toList();
        if (credentials.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(users.superUserSettings(port))) {
            admin.alterUserScramCredentials(credentials).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not set the SCRAM credentials of " + users.passwords().keySet(), e);
        }
    }
}

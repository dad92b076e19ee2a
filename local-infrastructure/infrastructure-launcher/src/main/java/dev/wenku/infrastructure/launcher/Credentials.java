package dev.wenku.infrastructure.launcher;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password of the embedded run's accounts. */
public record Credentials(String username, String password) {

    /** The value of an {@code Authorization} header carrying these credentials. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return username + " (password hidden)";
    }
}

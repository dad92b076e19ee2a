package dev.wenku.infrastructure.launcher;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords and keys the launcher makes for a run: random, URL-safe Base64, so they need no quoting anywhere. */
final class RandomSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecrets() {
    }

    /** {@code bytes} random bytes, encoded ({@code 4/3} as many characters). */
    static String generate(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}

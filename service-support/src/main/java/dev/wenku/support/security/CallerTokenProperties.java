package dev.wenku.support.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The caller token the gateway signs and every service verifies ({@code wenku.security.caller-token.*}).
 *
 * @param secret     the key both sides share (at least 32 characters; HMAC-SHA256). There is no default: a service or
 *                   gateway without it does not start. {@code ./wenku run} generates one per run; docker-compose.yml
 *                   requires {@code WENKU_CALLER_TOKEN_SECRET}
 * @param timeToLive how long a token is accepted after the gateway signed it: long enough for a request's trip to the
 *                   service, short enough that a token copied from a log or a proxy is soon worthless. The gateway
 *                   hands the same caller's token out again for a sixth of this time
 */
@ConfigurationProperties("wenku.security.caller-token")
public record CallerTokenProperties(String secret, @DefaultValue("60s") Duration timeToLive) {

    static final int MINIMUM_SECRET_LENGTH = 32;

    public CallerTokenProperties {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("wenku.security.caller-token.secret (env WENKU_SECURITY_CALLERTOKEN_SECRET)"
                + " is not set: the gateway and the services need the same secret of at least " + MINIMUM_SECRET_LENGTH
                + " characters to sign and verify who is calling");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MINIMUM_SECRET_LENGTH) {
            throw new IllegalArgumentException("wenku.security.caller-token.secret is shorter than "
                + MINIMUM_SECRET_LENGTH + " bytes: too short for HMAC-SHA256");
        }
    }

    SecretKey key() {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Override
    public String toString() {
        return "CallerTokenProperties[secret=(hidden), timeToLive=" + timeToLive + "]";
    }
}

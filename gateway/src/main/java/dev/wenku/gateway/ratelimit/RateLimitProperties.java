package dev.wenku.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-client request budgets ({@code wenku.rate-limit.*}): token buckets, one for reads (GET, HEAD) and one for
 * writes per client address. A request beyond its budget gets 429 with {@code Retry-After}.
 *
 * @param enabled           whether budgets are enforced at all
 * @param readsPerSecond    steady read rate a client may keep up
 * @param readBurst         reads a client may make at once after a pause (a page load with its scripts and
 *                          suggestions while typing)
 * @param writesPerSecond   steady write rate (uploads, edits, log-in attempts)
 * @param writeBurst        writes a client may make at once
 * @param maxClients        most client addresses tracked; idle ones are forgotten first
 * @param trustForwardedFor take the client address from {@code X-Forwarded-For} (only behind a proxy that sets it;
 *                          otherwise anyone could pick their own address)
 */
@ConfigurationProperties("wenku.rate-limit")
public record RateLimitProperties(Boolean enabled, double readsPerSecond, int readBurst, double writesPerSecond,
                                  int writeBurst, int maxClients, boolean trustForwardedFor) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        readsPerSecond = readsPerSecond <= 0 ? 20 : readsPerSecond;
        readBurst = readBurst <= 0 ? 100 : readBurst;
        writesPerSecond = writesPerSecond <= 0 ? 2 : writesPerSecond;
        writeBurst = writeBurst <= 0 ? 20 : writeBurst;
        maxClients = maxClients <= 0 ? 10_000 : maxClients;
    }
}

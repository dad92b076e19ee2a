package dev.wenku.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("20") double readsPerSecond,
    @DefaultValue("100") int readBurst,
    @DefaultValue("2") double writesPerSecond,
    @DefaultValue("20") int writeBurst,
    @DefaultValue("10000") int maxClients,
    @DefaultValue("false") boolean trustForwardedFor) {
}

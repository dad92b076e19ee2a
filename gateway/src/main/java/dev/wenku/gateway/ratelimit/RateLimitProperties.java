package dev.wenku.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client request budgets ({@code wenku.rate-limit.*}): token buckets per client address, one for reads (GET,
 * HEAD), one for writes and one for log-ins. A request beyond a budget gets 429 with {@code Retry-After}.
 *
 * @param enabled           whether budgets are enforced at all
 * @param readsPerSecond    steady read rate a client may keep up
 * @param readBurst         reads a client may make at once after a pause (a page load with its scripts and
 *                          suggestions while typing)
 * @param writesPerSecond   steady write rate (uploads, edits)
 * @param writeBurst        writes a client may make at once
 * @param logInsPerSecond   steady rate of password checks a client may cause: log-ins ({@code POST /api/session})
 *                          and requests with Basic credentials the gateway has not just verified. Each costs a
 *                          bcrypt (tens of milliseconds of CPU), and each is a guess when the password is wrong
 * @param logInBurst        password checks a client may cause at once
 * @param maxClients        most client addresses tracked; idle ones are forgotten first
 * @param trustForwardedFor take the client address from {@code X-Forwarded-For}: the right-most address, the one
 *                          the proxy in front of the gateway appended (only behind a proxy that sets it; otherwise
 *                          anyone could pick their own address)
 */
@ConfigurationProperties("wenku.rate-limit")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("20") double readsPerSecond,
    @DefaultValue("100") int readBurst,
    @DefaultValue("2") double writesPerSecond,
    @DefaultValue("20") int writeBurst,
    @DefaultValue("1") double logInsPerSecond,
    @DefaultValue("20") int logInBurst,
    @DefaultValue("10000") int maxClients,
    @DefaultValue("false") boolean trustForwardedFor) {
}

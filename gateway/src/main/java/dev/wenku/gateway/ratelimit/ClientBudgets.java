package dev.wenku.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The read and write budgets of every client address, bounded by {@code max-clients}. */
final class ClientBudgets {

    private final RateLimitProperties properties;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> reads = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> writes = new ConcurrentHashMap<>();

    ClientBudgets(RateLimitProperties properties, LongSupplier nanoClock) {
        this.properties = properties;
        this.nanoClock = nanoClock;
    }

    /** Spends one request of {@code client}'s budget: 0, or the nanoseconds to wait before the next is allowed. */
    long spend(String client, boolean write) {
        long now = nanoClock.getAsLong();
        Map<String, TokenBucket> buckets = write ? writes : reads;
        if (buckets.size() >= properties.maxClients() && !buckets.containsKey(client)) {
            // A full bucket holds nothing a new bucket would not; forgetting it loses no limit.
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        TokenBucket bucket = buckets.computeIfAbsent(client, c -> write
            ? new TokenBucket(properties.writeBurst(), properties.writesPerSecond(), now)
            : new TokenBucket(properties.readBurst(), properties.readsPerSecond(), now));
        return bucket.take(now);
    }

    /** Client addresses currently tracked for reads or writes. */
    int tracked(boolean write) {
        return (write ? writes : reads).size();
    }
}

package dev.wenku.gateway.ratelimit;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The read, write and log-in budgets of every client address, each bounded by {@code max-clients}. */
final class ClientBudgets {

    /** What a request spends. */
    enum Budget {
        READ, WRITE, LOG_IN
    }

    private final RateLimitProperties properties;
    private final LongSupplier nanoClock;
    private final Map<Budget, Map<String, TokenBucket>> buckets = new EnumMap<>(Budget.class);

    ClientBudgets(RateLimitProperties properties, LongSupplier nanoClock) {
        this.properties = properties;
        this.nanoClock = nanoClock;
        for (Budget budget : Budget.values()) {
            buckets.put(budget, new ConcurrentHashMap<>());
        }
    }

    /** Spends one request of {@code client}'s budget: 0, or the nanoseconds to wait before the next is allowed. */
    long spend(String client, Budget budget) {
        long now = nanoClock.getAsLong();
        Map<String, TokenBucket> clients = buckets.get(budget);
        if (clients.size() >= properties.maxClients() && !clients.containsKey(client)) {
            // A full bucket holds nothing a new bucket would not; forgetting it loses no limit.
            clients.values().removeIf(bucket -> bucket.isFull(now));
        }
        return clients.computeIfAbsent(client, c -> newBucket(budget, now)).take(now);
    }

    private TokenBucket newBucket(Budget budget, long now) {
        return switch (budget) {
            case READ -> new TokenBucket(properties.readBurst(), properties.readsPerSecond(), now);
            case WRITE -> new TokenBucket(properties.writeBurst(), properties.writesPerSecond(), now);
            case LOG_IN -> new TokenBucket(properties.logInBurst(), properties.logInsPerSecond(), now);
        };
    }

    /** Client addresses currently tracked for a budget. */
    int tracked(Budget budget) {
        return buckets.get(budget).size();
    }
}

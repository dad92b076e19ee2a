package dev.wenku.gateway.ratelimit;

/** A classic token bucket: {@code capacity} tokens, refilled continuously at {@code perSecond}. */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updated;

    TokenBucket(int capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.updated = now;
    }

    /** Takes a token and returns 0, or returns how many nanoseconds until one is there (taking none). */
    synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - updated) * perNano);
        updated = now;
    }
}

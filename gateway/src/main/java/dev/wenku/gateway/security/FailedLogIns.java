package dev.wenku.gateway.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed log-ins in a row per account name (known or not, so the limit reveals nothing about which accounts exist).
 * After {@code freeFailures}, every further attempt waits a back-off that doubles with each failure, up to
 * {@code maxBackOff}: guessing one account's password from many addresses stays slow, while its owner, who only ever
 * waits for that back-off, is never locked out. A success forgets the account's failures. Bounded: beyond
 * {@code maxTracked} names, those not waiting are forgotten first.
 */
final class FailedLogIns {

    private record Failures(int count, long retryAtNanos) {
    }

    private final SecurityProperties.LogIns settings;
    private final LongSupplier nanoClock;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();

    FailedLogIns(SecurityProperties.LogIns settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    /** Nanoseconds the account must still wait before its password may be checked again; 0 when it may now. */
    long waitNanos(String username) {
        Failures failures = accounts.get(key(username));
        return failures == null ? 0 : Math.max(0, failures.retryAtNanos() - nanoClock.getAsLong());
    }

    void failed(String username) {
        long now = nanoClock.getAsLong();
        if (accounts.size() >= settings.maxTracked()) {
            accounts.values().removeIf(failures -> failures.retryAtNanos() <= now);
        }
        accounts.compute(key(username), (name, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            return new Failures(count, now + backOff(count).toNanos());
        });
    }

    void succeeded(String username) {
        accounts.remove(key(username));
    }

    private Duration backOff(int failures) {
        int beyond = failures - settings.freeFailures();
        if (beyond <= 0) {
            return Duration.ZERO;
        }
        Duration max = settings.maxBackOff();
        Duration pause = settings.firstBackOff().multipliedBy(1L << Math.min(beyond - 1, 30));
        return pause.compareTo(max) > 0 ? max : pause;
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}

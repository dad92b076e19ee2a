package dev.wenku.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * Every check of a user name and password (log-in, Basic credentials), in front of the bcrypt check:
 * <ul>
 *   <li>an account in back-off after failed log-ins ({@link FailedLogIns}) is refused without a check;</li>
 *   <li>a user name and password verified within {@code verified-for} are accepted without another bcrypt: a script
 *       sending Basic credentials with every request would otherwise cost tens of milliseconds of CPU per request.
 *       Only an HMAC of the pair, under a key made at start and never stored, is kept, so the cache holds nothing
 *       that verifies a password elsewhere.</li>
 * </ul>
 * The rate limit asks {@link #recentlyVerified} to charge only password checks that cost a bcrypt to the client's
 * log-in budget.
 */
public final class PasswordChecks implements ReactiveAuthenticationManager {

    private record Verified(Authentication authentication, long untilNanos) {
    }

    private final ReactiveAuthenticationManager bcrypt;
    private final FailedLogIns failures;
    private final SecurityProperties.LogIns settings;
    private final LongSupplier nanoClock;
    private final SecretKeySpec key;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    PasswordChecks(ReactiveAuthenticationManager bcrypt, SecurityProperties.LogIns settings, LongSupplier nanoClock) {
        this.bcrypt = bcrypt;
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.failures = new FailedLogIns(settings, nanoClock);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String username = attempt.getName();
        String digest = digest(username, String.valueOf(attempt.getCredentials()));
        Verified known = verified.get(digest);
        long now = nanoClock.getAsLong();
        if (known != null && known.untilNanos() - now > 0) {
            return Mono.just(known.authentication());
        }
        long wait = failures.waitNanos(username);
        if (wait > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999));
            return Mono.error(new LogInBackOffException(seconds));
        }
        return bcrypt.authenticate(attempt)
            .doOnNext(authenticated -> remember(digest, authenticated, username))
            .doOnError(BadCredentialsException.class, e -> failures.failed(username));
    }

    /** Whether {@code authorization} is a Basic header whose user name and password were verified just now. */
    public boolean recentlyVerified(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return false;
        }
        Verified known = verified.get(digest(pair.substring(0, colon), pair.substring(colon + 1)));
        return known != null && known.untilNanos() - nanoClock.getAsLong() > 0;
    }

    private void remember(String digest, Authentication authenticated, String username) {
        failures.succeeded(username);
        long now = nanoClock.getAsLong();
        if (verified.size() >= settings.maxTracked()) {
            verified.values().removeIf(v -> v.untilNanos() - now <= 0);
            if (verified.size() >= settings.maxTracked()) {
                verified.clear();
            }
        }
        verified.put(digest, new Verified(authenticated, now + settings.verifiedFor().toNanos()));
    }

    private String digest(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

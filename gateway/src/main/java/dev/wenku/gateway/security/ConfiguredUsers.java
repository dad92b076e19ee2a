package dev.wenku.gateway.security;

import dev.wenku.support.security.Roles;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;

/**
 * The accounts of {@code wenku.security.users}, with passwords hashed (plain-text ones are hashed at start). User
 * names are matched in any case.
 *
 * <p>An unknown user name gets a decoy account whose hash matches no password: its check costs the same bcrypt as a
 * known user's, so the time of a refusal does not tell whether the account exists (Spring Security's reactive
 * manager would otherwise refuse unknown names at once).
 */
final class ConfiguredUsers implements ReactiveUserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);

    private final Map<String, UserDetails> users;
    private final String decoyHash;

    private ConfiguredUsers(Map<String, UserDetails> users, String decoyHash) {
        this.users = users;
        this.decoyHash = decoyHash;
    }

    static ConfiguredUsers from(SecurityProperties properties, PasswordEncoder encoder) {
        Map<String, UserDetails> users = new HashMap<>();
        for (Map.Entry<String, SecurityProperties.User> entry : properties.users().entrySet()) {
            SecurityProperties.User user = entry.getValue();
            String hash = user.passwordHash() != null && !user.passwordHash().isBlank() ? user.passwordHash()
                : user.password() != null && !user.password().isBlank() ? encoder.encode(user.password()) : null;
            if (hash == null) {
                log.warn("User {} has neither password nor password-hash and cannot log in", entry.getKey());
                continue;
            }
            users.put(key(entry.getKey()), User.withUsername(entry.getKey()).password(hash)
                .authorities(Roles.authorities(user.roles())).build());
        }
        if (users.isEmpty()) {
            log.warn("No editor or operator accounts are configured (wenku.security.users): the platform is read-only");
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new ConfiguredUsers(Map.copyOf(users), encoder.encode(Base64.getEncoder().encodeToString(secret)));
    }

    @Override
    public Mono<UserDetails> findByUsername(String username) {
        if (username == null || username.isBlank()) {
            return Mono.empty(); // no account can have it (and a decoy cannot be built with it): refused at once
        }
        UserDetails user = users.get(key(username));
        // A copy: the authentication manager may erase the credentials of what it is given.
        return Mono.just(user != null ? User.withUserDetails(user).build()
            : User.withUsername(username).password(decoyHash).authorities(List.of()).build());
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}

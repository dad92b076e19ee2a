package dev.wenku.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The accounts of {@code wenku.security.users}, with passwords hashed (plain-text ones are hashed at start). */
final class ConfiguredUsers {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);

    private ConfiguredUsers() {
    }

    static MapReactiveUserDetailsService from(SecurityProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        for (Map.Entry<String, SecurityProperties.User> entry : properties.users().entrySet()) {
            SecurityProperties.User user = entry.getValue();
            String hash = user.passwordHash() != null && !user.passwordHash().isBlank() ? user.passwordHash()
                : user.password() != null && !user.password().isBlank() ? encoder.encode(user.password()) : null;
            if (hash == null) {
                log.warn("User {} has neither password nor password-hash and cannot log in", entry.getKey());
                continue;
            }
            users.add(User.withUsername(entry.getKey()).password(hash)
                .authorities(Roles.authorities(user.roles())).build());
        }
        if (users.isEmpty()) {
            log.warn("No editor or operator accounts are configured (wenku.security.users): the platform is read-only");
            // MapReactiveUserDetailsService needs at least one user; this one can never log in.
            users.add(User.withUsername("\u0000nobody").password("{noop}\u0000").authorities(List.of()).disabled(true)
                .build());
        }
        return new MapReactiveUserDetailsService(users);
    }
}

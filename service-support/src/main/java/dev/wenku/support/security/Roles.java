package dev.wenku.support.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The roles. Readers may read; editors also change documents and the analysis model; operators run it. METRICS may
 * only read the gateway's metrics ({@code /actuator/prometheus}): what a monitoring system's scrape account needs,
 * and nothing an operator's password would also open.
 */
public final class Roles {

    public static final String READER = "READER";
    public static final String EDITOR = "EDITOR";
    public static final String OPERATOR = "OPERATOR";
    public static final String METRICS = "METRICS";
    private static final List<String> ALL = List.of(READER, EDITOR, OPERATOR, METRICS);

    private Roles() {
    }

    /** Known roles among {@code names} (any case, with or without {@code ROLE_}) as authorities. */
    public static List<GrantedAuthority> authorities(Collection<String> names) {
        return names.stream().map(Roles::normalise).filter(ALL::contains).distinct()
            .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    public static List<String> names(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
            .map(a -> a.substring("ROLE_".length())).toList();
    }

    private static String normalise(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("ROLE_") ? upper.substring("ROLE_".length()) : upper;
    }
}

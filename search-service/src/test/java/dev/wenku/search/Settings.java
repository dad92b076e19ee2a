package dev.wenku.search;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** search-service's settings as the application would bind them: the defaults, plus the given overrides. */
public final class Settings {

    private Settings() {
    }

    /** @param overrides e.g. {@code "bulk.request-documents", "2"}, relative to {@code wenku.search} */
    public static SearchProperties search(String... overrides) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            source.put("wenku.search." + overrides[i], overrides[i + 1]);
        }
        return new Binder(source).bindOrCreate("wenku.search", SearchProperties.class);
    }
}

package dev.wenku.infrastructure.launcher;

/** The four Spring Boot services, by module name. */
public enum ServiceModule {
    INGEST("ingest-service"),
    ANALYSIS("analysis-service"),
    SEARCH("search-service"),
    GATEWAY("gateway");

    private final String module;

    ServiceModule(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }
}

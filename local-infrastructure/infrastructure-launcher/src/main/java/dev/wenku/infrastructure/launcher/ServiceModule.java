package dev.wenku.infrastructure.launcher;

/** The Spring Boot services, by module name, in the order they start and report. */
public enum ServiceModule {
    INGEST("ingest-service"),
    ANALYSIS("analysis-service"),
    SEARCH("search-service"),
    OPERATIONS("operations-service"),
    GATEWAY("gateway");

    private final String module;

    ServiceModule(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }

    /** Whether the service is a Kafka client (all but the gateway), with a Kafka user of its own. */
    public boolean usesKafka() {
        return this != GATEWAY;
    }
}

package dev.wenku.infrastructure.launcher;

import java.util.Arrays;
import java.util.List;

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

    /** The service of module {@code module}. */
    public static ServiceModule of(String module) {
        return Arrays.stream(values()).filter(service -> service.module.equals(module)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no service module " + module));
    }

    /**
     * The JVM options this service needs beyond every service's. search-service gets the JDK's vector module: Lucene
     * computes with it the similarities of its partitions' k-means and of every passage's tagging (its SIMD
     * instructions rather than one float at a time), which trained 564 partitions on 56,400 passages in 14.6 s instead
     * of the 62.6 s search-service took without it (ADR 15). The others leave it out: with it, the JDK keeps no module
     * graph in the start-up cache, and the gateway took about half a second longer to start.
     */
    public List<String> jvmOptions() {
        return this == SEARCH ? List.of("--add-modules=jdk.incubator.vector") : List.of();
    }

    /** Whether the service is a Kafka client (all but the gateway), with a Kafka user of its own. */
    public boolean usesKafka() {
        return this != GATEWAY;
    }
}

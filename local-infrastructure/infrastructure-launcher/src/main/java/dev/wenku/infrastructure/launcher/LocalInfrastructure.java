package dev.wenku.infrastructure.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Servers this machine runs for the platform, one of each ({@link EmbeddedInfrastructure}) or clusters. */
interface LocalInfrastructure extends Infrastructure {

    /** The Kafka users of this infrastructure; empty when its Kafka lets in anyone. */
    Optional<KafkaAccounts> kafkaAccounts();

    /** Where {@link #postgresPassword()} is kept (readable by its owner only). */
    Path postgresPasswordFile();

    /**
     * The server processes, by name ({@code kafka}, or {@code kafka-1} … in a cluster). PostgreSQL's is the JVM that
     * watches it; the postgres processes are its descendants.
     */
    Map<String, ChildProcess> processes();
}

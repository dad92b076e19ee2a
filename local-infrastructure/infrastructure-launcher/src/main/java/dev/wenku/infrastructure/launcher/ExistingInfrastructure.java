package dev.wenku.infrastructure.launcher;

/** Servers someone else runs (e.g. docker-compose); closing leaves them running. */
record ExistingInfrastructure(String kafkaBootstrapServers, String elasticsearchUrl) implements Infrastructure {

    @Override
    public void close() {
        // Not ours to stop.
    }
}

package dev.wenku.infrastructure.launcher;

/** Servers someone else runs (e.g. docker-compose); closing leaves them running. */
record ExistingInfrastructure(String kafkaBootstrapServers, String elasticsearchUrl, String postgresJdbcUrl,
                              String postgresUsername, String postgresPassword) implements Infrastructure {

    @Override
    public void close() {
        // Not ours to stop.
    }

    @Override
    public String toString() {
        return "ExistingInfrastructure[kafka=" + kafkaBootstrapServers + ", elasticsearch=" + elasticsearchUrl
            + ", postgres=" + postgresJdbcUrl + " as " + postgresUsername + " (password hidden)]";
    }
}

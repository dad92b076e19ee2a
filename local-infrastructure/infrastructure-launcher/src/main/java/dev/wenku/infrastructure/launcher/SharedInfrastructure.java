package dev.wenku.infrastructure.launcher;

/** One Kafka + Elasticsearch per test JVM, started on first use and stopped when the JVM ends. */
public final class SharedInfrastructure {

    private static Infrastructure instance;

    private SharedInfrastructure() {
    }

    public static synchronized Infrastructure get() {
        if (instance == null) {
            Infrastructure started = InfrastructureSource.select(System::getProperty, System::getenv)
                .start(System::getenv);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-infrastructure-stop"));
            instance = started;
        }
        return instance;
    }
}

package dev.wenku.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@value #RESOURCE} (the settings every service shares: actuator exposure, probes, tracing, the log pattern,
 * Kafka producer basics, the loopback address, …) as the environment's lowest-precedence property source: the
 * defaults of every service, which its own {@code application.yml}, environment variables and command-line arguments
 * override. ({@code spring.config.import} would not do: an imported file takes precedence over the file importing it,
 * so a service could not override a shared value in its own {@code application.yml}.)
 */
public class SharedDefaults implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "wenku-service-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(RESOURCE)) {
            return;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(RESOURCE,
                    new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

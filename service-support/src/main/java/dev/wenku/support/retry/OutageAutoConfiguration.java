package dev.wenku.support.retry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The {@link OutageBackOff} of every service. */
@AutoConfiguration
@EnableConfigurationProperties(OutageProperties.class)
public class OutageAutoConfiguration {

    @Bean
    OutageBackOff outageBackOff(OutageProperties properties) {
        return new OutageBackOff(properties.maxPause());
    }
}

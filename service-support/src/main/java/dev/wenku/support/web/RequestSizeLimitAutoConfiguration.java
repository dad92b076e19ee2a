package dev.wenku.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** A {@link RequestSizeLimitFilter} of {@code wenku.web.max-request-size} in every Spring MVC service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class RequestSizeLimitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RequestSizeLimitFilter requestSizeLimitFilter(WebProperties properties) {
        return new RequestSizeLimitFilter(properties.maxRequestSize().toBytes());
    }
}

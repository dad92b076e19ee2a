package dev.wenku.support.problem.reactive;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** Problem documents of the shared catalogue for a reactive application ({@link ReactiveProblemsExceptionHandler}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ReactiveProblemsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveProblemsExceptionHandler reactiveProblemsExceptionHandler() {
        return new ReactiveProblemsExceptionHandler();
    }
}

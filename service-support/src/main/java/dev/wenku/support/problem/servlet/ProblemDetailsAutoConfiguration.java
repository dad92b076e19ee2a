package dev.wenku.support.problem.servlet;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Problem documents of the shared catalogue for every Spring MVC service ({@link ProblemDetailsAdvice}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemDetailsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** Only where there is a database (spring-tx and spring-jdbc on the classpath). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.dao.DataAccessException",
        "org.springframework.transaction.CannotCreateTransactionException"})
    static class DataAccess {

        @Bean
        @ConditionalOnMissingBean
        DataAccessProblems dataAccessProblems() {
            return new DataAccessProblems();
        }
    }
}

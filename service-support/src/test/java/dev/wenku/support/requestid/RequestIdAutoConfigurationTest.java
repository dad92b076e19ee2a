package dev.wenku.support.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class RequestIdAutoConfigurationTest {

    @Test
    void aServletWebApplicationGetsTheFilterFirstInTheChain() {
        new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RequestIdAutoConfiguration.class))
            .run(context -> {
                FilterRegistrationBean<?> registration = context.getBean("requestIdFilter", FilterRegistrationBean.class);
                assertThat(registration.getFilter()).isInstanceOf(RequestIdFilter.class);
                assertThat(registration.getOrder()).isEqualTo(Integer.MIN_VALUE);
            });
    }

    @Test
    void anApplicationWithoutAServletWebServerGetsNoFilter() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RequestIdAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(RequestIdFilter.class)
                .doesNotHaveBean("requestIdFilter"));
    }
}

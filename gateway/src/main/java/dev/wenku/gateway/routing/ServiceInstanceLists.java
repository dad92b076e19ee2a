package dev.wenku.gateway.routing;

import java.net.URI;
import java.util.List;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The configuration of each service's own load-balancer context ({@link ServiceInstances}), whose name is the
 * service's. Neither a {@code @Configuration} nor nested in one: the application's context would build it too, and it
 * names no service.
 */
class ServiceInstanceLists {

    @Bean
    ServiceInstanceListSupplier instances(ConfigurableApplicationContext context, Environment environment,
                                          GatewayProperties properties) {
        String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        List<URI> uris = properties.instances(service);
        ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder()
            .withBase(new ServiceInstances.Configured(service, uris));
        // A client of its own: Spring Boot 4 has no WebClient.Builder bean without its webclient module.
        return (uris.size() > 1 ? builder.withHealthChecks(WebClient.create()) : builder).build(context);
    }
}

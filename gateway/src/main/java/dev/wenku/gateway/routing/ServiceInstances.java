package dev.wenku.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/**
 * The instances of each service, for Spring Cloud LoadBalancer (round robin): the base URIs the gateway is configured
 * with ({@code wenku.gateway.*-uri}), without a discovery server. Where a service has two or more, each is asked for
 * its readiness ({@code spring.cloud.loadbalancer.health-check.*}, in application.yml), so an instance that died or is
 * not ready leaves the rotation within an interval and comes back when it answers again. A single instance is not
 * checked: there is nowhere else to send its requests, and its circuit breaker answers for it while it is down.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = ServiceInstanceLists.class)
class ServiceInstances {

    /** A service's configured instances, named {@code <service>-<n>}. */
    record Configured(String service, List<URI> uris) implements ServiceInstanceListSupplier {

        @Override
        public String getServiceId() {
            return service;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return Flux.just(IntStream.range(0, uris.size()).<ServiceInstance>mapToObj(i -> {
                URI uri = uris.get(i);
                boolean secure = "https".equals(uri.getScheme());
                int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
                return new DefaultServiceInstance(service + "-" + (i + 1), service, uri.getHost(), port, secure);
            }).toList());
        }
    }
}

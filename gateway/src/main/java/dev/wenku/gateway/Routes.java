package dev.wenku.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public API, one route per service. Error statuses and bodies from the services pass through unchanged. */
@Configuration(proxyBeanMethods = false)
class Routes {

    @Bean
    RouteLocator publicApi(RouteLocatorBuilder routes, GatewayProperties properties) {
        return routes.routes()
            // Reading views of single documents come from the index; checked before the editors' document API.
            .route("reading", r -> r.order(-1).path("/api/documents/*/related", "/api/documents/*/reading")
                .uri(properties.searchUri()))
            .route("documents", r -> r.path("/api/documents", "/api/documents/**").uri(properties.ingestUri()))
            .route("analysis", r -> r.path("/api/themes", "/api/themes/**", "/api/analysis/**")
                .uri(properties.analysisUri()))
            .route("search", r -> r.path("/api/search", "/api/search/**").uri(properties.searchUri()))
            .build();
    }
}

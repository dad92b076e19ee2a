package dev.wenku.support.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The OpenAPI description every service serves at {@code /v3/api-docs} (springdoc), as the gateway aggregates it:
 * titled with the service's name and version, and with a relative server URL, so that Swagger UI at the gateway sends
 * its requests through the gateway rather than to the service's own address.
 */
@AutoConfiguration
@ConditionalOnClass({OpenAPI.class, org.springdoc.core.configuration.SpringDocConfiguration.class})
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI wenkuOpenApi(Environment environment, ObjectProvider<BuildProperties> build) {
        String name = environment.getProperty("spring.application.name", "wenku");
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
            .info(new Info().title("Wenku 文库 — " + name)
                .version(properties == null ? "dev" : properties.getVersion())
                .description("Errors are RFC 9457 problem documents (application/problem+json) with the member"
                    + " `error`, one of the codes of docs/errors.md."))
            .servers(List.of(new Server().url("/").description("through the gateway")));
    }
}

package dev.wenku.ingest.web;

import dev.wenku.ingest.IngestProperties;
import dev.wenku.support.web.RequestSizeLimitFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ingest-service reads bodies up to what its upload limits allow ({@link IngestProperties#maxRequestBytes()}), not the
 * shared {@code wenku.web.max-request-size}: a JSON upload may carry a text of {@code max-body-size}, escaped.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(IngestProperties properties) {
        // An import's body goes to disk as it arrives, within wenku.ingest.imports.max-size.
        return new RequestSizeLimitFilter(properties.maxRequestBytes(), "/api/imports");
    }
}
